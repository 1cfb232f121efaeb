package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file packaging/homebrew/vmdisk.rb installs from the build is one that {@code mvn package} made. */
class HomebrewFormulaIT {
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path ROOT = MODULE.getParent();
    static final Path FORMULA = ROOT.resolve("packaging/homebrew/vmdisk.rb");
    private static final Pattern BUILD_PATH = Pattern.compile("\"(cli/target/[^\"]+)\"");

    @Test
    void everyBuildPathTheFormulaInstallsExists() throws IOException {
        List<String> paths = buildPaths();
        assertTrue(paths.size() >= 5, "jar, man pages, three completions expected in " + paths);
        for (String p : paths) {
            assertFalse(matches(p).isEmpty(), FORMULA + " installs " + p + ", which mvn package did not make");
        }
    }

    @Test
    void itInstallsEveryManPageAndCompletionTheBuildMakes() throws IOException {
        List<Path> installed = new ArrayList<>();
        for (String p : buildPaths()) {
            installed.addAll(matches(p));
        }
        List<Path> made = new ArrayList<>();
        try (Stream<Path> man = Files.list(GeneratedDocsIT.TARGET.resolve("man"));
             Stream<Path> completions = Files.list(GeneratedDocsIT.TARGET.resolve("completions"))) {
            man.filter(f -> f.toString().endsWith(".1")).forEach(made::add);
            completions.forEach(made::add);
        }
        assertTrue(made.size() >= GeneratedDocsIT.subcommands().size() + 4, made.toString());
        for (Path f : made) {
            assertTrue(installed.contains(f.toAbsolutePath().normalize()), f + " is built but the formula does not install it");
        }
    }

    @Test
    void itsTestRunsVersion() throws IOException {
        String text = Files.readString(FORMULA);
        assertTrue(text.contains("test do"), text);
        assertTrue(text.contains("#{bin}/vmdisk --version"), text);
        assertTrue(text.contains("depends_on \"maven\" => :build") && text.contains("depends_on \"openjdk@17\""), text);
    }

    /**
     * The launcher the formula writes, as Ruby would write it (its heredoc with the JDK and libexec filled in),
     * run under {@code env -i} on an image named {@code sessión.img}: the JVM must run under a UTF-8 locale.
     */
    @Test
    @DisabledOnOs(value = OS.MAC, disabledReason = "the launcher changes nothing on macOS")
    void itsLauncherRunsTheJarUnderAUtf8LocaleFromAnEmptyEnvironment(@TempDir Path dir)
            throws IOException {
        Matcher heredoc = Pattern.compile("<<~SH\n(.*?)\n\\s*SH\n", Pattern.DOTALL).matcher(Files.readString(FORMULA));
        assertTrue(heredoc.find(), "no launcher heredoc in " + FORMULA);
        List<String> lines = heredoc.group(1).lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        String script = String.join("\n", lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l).toList())
                .replace("\\\\", "\\")
                .replace("#{java_home}", System.getProperty("java.home"))
                .replace("#{libexec}", dir.toString());
        assertFalse(script.contains("#{"), "an interpolation the test does not know:\n" + script);
        Path launcher = dir.resolve("vmdisk");
        Files.writeString(launcher, script + "\n");
        Files.copy(GeneratedDocsIT.TARGET.resolve("vmdisk.jar"), dir.resolve("vmdisk.jar"));
        Fixtures.copy("ext4-4k.img", dir);
        Tools.Result r = Tools.run("sh", "-c", "cd \"$0\" && n=$(printf 'sessi\\303\\263n.img') && mv ext4-4k.img \"$n\""
                + " && env -i sh ./vmdisk inspect \"$n\"", dir.toString());
        assertEquals(0, r.exitCode(), script + "\n" + r);
        assertTrue(r.stdout().startsWith("sessi\u00f3n.img\n"), r.toString());
    }

    private static List<String> buildPaths() throws IOException {
        Matcher m = BUILD_PATH.matcher(Files.readString(FORMULA));
        List<String> paths = new ArrayList<>();
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    /** The files a formula path names: itself, or what its glob ({@code Dir["cli/target/man/*.1"]}) matches. */
    private static List<Path> matches(String path) throws IOException {
        Path p = ROOT.resolve(path).toAbsolutePath().normalize();
        if (!path.contains("*")) {
            return Files.isRegularFile(p) ? List.of(p) : List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + p);
        try (Stream<Path> files = Files.list(p.getParent())) {
            return files.map(f -> f.toAbsolutePath().normalize()).filter(glob::matches).toList();
        }
    }
}
