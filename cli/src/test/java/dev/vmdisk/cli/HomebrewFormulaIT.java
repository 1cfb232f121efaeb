package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;

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
