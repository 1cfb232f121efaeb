# Homebrew formula for vmdisk: builds the jar with Maven, installs it with a launcher on the Homebrew
# JDK, the man pages and the bash, zsh and fish completions that the build generates.
# Every cli/target path below is checked against a real build by cli's HomebrewFormulaIT.
class Vmdisk < Formula
  desc "Inspect, compact and reset raw VM disk images"
  # vmdisk has no public home yet. OWNER is a placeholder: set homepage and head to the real
  # repository, and add url and sha256 of a release tarball when the first release is tagged.
  # Until then: brew install --HEAD --formula ./packaging/homebrew/vmdisk.rb
  homepage "https://github.com/OWNER/vmdisk"
  head "https://github.com/OWNER/vmdisk.git", branch: "main"

  depends_on "maven" => :build
  depends_on "openjdk@17"

  def install
    ENV["JAVA_HOME"] = Language::Java.java_home("17")
    system "mvn", "-B", "-DskipTests", "package"

    libexec.install "cli/target/vmdisk.jar"
    # The class-data archive must name the jar where it runs, so it is made again here, by the JDK
    # that will run it (the build's cli/target/vmdisk.jsa names the build tree's jar), as cli/pom.xml
    # makes it: a training run of vmdisk demo lists the classes every command loads, then a static
    # archive is dumped from the list (a dynamic one leaves out picocli's Java 5 class files).
    # quiet_system: a failing demo or dump must not stop the install (the commands are tested, not this
    # run); without an archive the launcher still runs, only slower to start.
    java = Formula["openjdk@17"].opt_bin/"java"
    quiet_system java, "-XX:DumpLoadedClassList=#{buildpath}/vmdisk.classlist",
                 "-Xlog:disable", "-Xlog:all=warning:stderr",
                 "-jar", libexec/"vmdisk.jar", "demo", "--dir", buildpath/"cds-demo"
    quiet_system java, "-Xshare:dump", "-XX:SharedClassListFile=#{buildpath}/vmdisk.classlist",
                 "-XX:SharedArchiveFile=#{libexec}/vmdisk.jsa", "-Xlog:disable", "-Xlog:all=error:stderr",
                 "-cp", libexec/"vmdisk.jar"
    # The launcher, as write_jar_script writes it plus the locale: Java takes its file-name encoding from
    # the locale, and under LANG=C or an empty environment on Linux that is ASCII, so an image named
    # sessión.img could not be named; the JVM then runs under C.UTF-8 (glibc 2.35+ and musl have it built
    # in). On macOS the JDK uses UTF-8 for file names whatever the locale, so nothing changes there.
    # cli's HomebrewFormulaIT runs this text under env -i.
    java_home = Language::Java.java_home("17")
    (bin/"vmdisk").write <<~SH
      #!/bin/sh
      if [ "$(uname -s)" != Darwin ]; then
        case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
          *.UTF-8|*.utf8|*.utf-8|*.UTF8) ;;
          *) LC_ALL=C.UTF-8; export LC_ALL ;;
        esac
      fi
      JAVA_HOME="${JAVA_HOME:-#{java_home}}"
      export JAVA_HOME
      exec "$JAVA_HOME/bin/java" -XX:SharedArchiveFile="#{libexec}/vmdisk.jsa" -Xshare:auto -XX:TieredStopAtLevel=1 \\
        -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds=off,cds+dynamic=off:stderr -jar "#{libexec}/vmdisk.jar" "$@"
    SH
    chmod 0755, bin/"vmdisk"

    man1.install Dir["cli/target/man/*.1"]
    bash_completion.install "cli/target/completions/vmdisk.bash" => "vmdisk"
    zsh_completion.install "cli/target/completions/_vmdisk"
    fish_completion.install "cli/target/completions/vmdisk.fish"
  end

  test do
    assert_match(/^vmdisk \d+\.\d+\.\d+/, shell_output("#{bin}/vmdisk --version"))
    assert_match "status", shell_output("#{bin}/vmdisk --help")
  end
end
