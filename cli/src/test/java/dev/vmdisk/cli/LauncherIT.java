package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ./vmdisk launcher, copied with the built jar into a checkout-shaped directory: it runs with the
 * class-data archive missing, with one made for another jar, and with one that is not an archive,
 * and never says so on stdout or stderr. Its JVM options: C1 alone unless VMDISK_JAVA_OPTS says otherwise.
 */
class LauncherIT {
    @TempDir
    Path checkout;

    @Test
    void runsWithTheArchiveMissingForeignOrBroken() throws IOException {
        Path target = Files.createDirectories(checkout.resolve("cli/target"));
        Files.copy(HomebrewFormulaIT.ROOT.resolve("vmdisk"), checkout.resolve("vmdisk"));
        Files.copy(GeneratedDocsIT.TARGET.resolve("vmdisk.jar"), target.resolve("vmdisk.jar"));
        Path jsa = target.resolve("vmdisk.jsa");

        expectCleanRun("missing");

        // The build's archive names the build's jar, not this copy: the JVM refuses it, silently.
        Files.copy(GeneratedDocsIT.TARGET.resolve("vmdisk.jsa"), jsa);
        Files.setLastModifiedTime(jsa, FileTime.from(Instant.now().plusSeconds(60)));
        expectCleanRun("made for another jar");

        Files.delete(jsa);
        Files.writeString(jsa, "not an archive");
        Files.setLastModifiedTime(jsa, FileTime.from(Instant.now().plusSeconds(60)));
        expectCleanRun("broken");
    }

    @Test
    void runsC1AloneAndLetsVmdiskJavaOptsOverrideIt() throws IOException {
        Path target = Files.createDirectories(checkout.resolve("cli/target"));
        Files.copy(HomebrewFormulaIT.ROOT.resolve("vmdisk"), checkout.resolve("vmdisk"));
        Files.copy(GeneratedDocsIT.TARGET.resolve("vmdisk.jar"), target.resolve("vmdisk.jar"));
        String launcher = checkout.resolve("vmdisk").toString();

        assertEquals("1", tieredStopAtLevel(Tools.run("env", "VMDISK_JAVA_OPTS=-XX:+PrintFlagsFinal",
                "sh", launcher, "compact", "--help")));
        assertEquals("4", tieredStopAtLevel(Tools.run("env", "VMDISK_JAVA_OPTS=-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=4",
                "sh", launcher, "compact", "--help")));
    }

    /**
     * The build's archive is one the JVM takes (-Xshare:on fails when it cannot map it) and it holds
     * picocli's classes, which JDK 17's dynamic archive left out for their Java 5 class-file version: a
     * command's start then loads them from the archive, not from the jar.
     */
    @Test
    void theBuildsArchiveIsUsableAndHoldsPicocli() {
        Tools.Result run = Tools.run("java", "-Xshare:on", "-XX:SharedArchiveFile=" + GeneratedDocsIT.TARGET.resolve("vmdisk.jsa"),
                "-Xlog:class+load=info", "-jar", GeneratedDocsIT.TARGET.resolve("vmdisk.jar").toString(), "compact", "--help");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("picocli.CommandLine source: shared objects file"),
                "picocli.CommandLine not loaded from the archive");
        assertTrue(run.stdout().contains("dev.vmdisk.cli.CompactCommand source: shared objects file"),
                "CompactCommand not loaded from the archive");
    }

    /** The value of TieredStopAtLevel in a -XX:+PrintFlagsFinal listing. */
    private static String tieredStopAtLevel(Tools.Result run) {
        assertEquals(0, run.exitCode(), run.toString());
        Matcher m = Pattern.compile("\\bTieredStopAtLevel\\s+=\\s+(\\d+)").matcher(run.stdout());
        assertTrue(m.find(), run.stdout());
        return m.group(1);
    }

    private void expectCleanRun(String archive) {
        String launcher = checkout.resolve("vmdisk").toString();
        Tools.Result version = Tools.run("sh", launcher, "--version");
        assertEquals(0, version.exitCode(), archive + ": " + version);
        assertTrue(version.stdout().matches("vmdisk \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), archive + ": " + version);
        assertEquals("", version.stderr(), archive);
        Tools.Result help = Tools.run("sh", launcher, "--help");
        assertEquals(0, help.exitCode(), archive + ": " + help);
        assertTrue(help.stdout().startsWith("Usage: vmdisk"), archive + ": " + help);
        assertEquals("", help.stderr(), archive);
    }
}
