package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names that are not ASCII, run as cron and systemd run vmdisk: under {@code env -i} (no locale at all) and
 * {@code LANG=C}. A bundle holds {@code rootfs.img}, {@code sessión.img} (with a zstd base) and an image
 * whose name is not UTF-8 ({@code bad\xff.img}). Through the launcher, sessión.img is handled like any
 * other image; the name that is no UTF-8 is refused in one line and left alone, and the others are still
 * done. The test JVM itself may run under an ASCII locale, so every non-ASCII name is made and passed by
 * {@code sh} and {@code python3} from bytes, never by Java.
 */
@DisabledOnOs(value = OS.MAC, disabledReason = "on macOS the JDK's file names are UTF-8 whatever the locale")
class LocaleIT {
    private static final String SESSION = "sessi\u00f3n.img";
    /** What sh's printf makes of this is "sessión.img" in UTF-8 bytes. */
    private static final String SESSION_SH = "$(printf 'sessi\\303\\263n.img')";
    private static final String BAD_SH = "$(printf 'bad\\377.img')";

    @TempDir
    Path checkout;

    Path bundle;
    String javaDir;

    @BeforeEach
    void makeCheckoutAndBundle() throws IOException {
        Tools.require("zstd");
        Tools.require("python3");
        Path target = Files.createDirectories(checkout.resolve("cli/target"));
        Files.copy(HomebrewFormulaIT.ROOT.resolve("vmdisk"), checkout.resolve("vmdisk"));
        Files.copy(GeneratedDocsIT.TARGET.resolve("vmdisk.jar"), target.resolve("vmdisk.jar"));
        bundle = Files.createDirectories(checkout.resolve("bundle"));
        Path rootfs = Fixtures.copy("ext4-4k.img", bundle);
        Files.move(rootfs, bundle.resolve("rootfs.img"));
        Tools.run("python3", "-c", "import os, shutil, sys\n"
                + "d = os.fsencode(sys.argv[1])\n"
                + "shutil.copyfile(d + b'/rootfs.img', d + b'/sessi\\xc3\\xb3n.img')\n"
                + "shutil.copyfile(d + b'/rootfs.img', d + b'/bad\\xff.img')\n", bundle.toString()).orThrow();
        sh("zstd -q -o \"" + SESSION_SH + ".zst\" \"" + SESSION_SH + "\"").orThrow();
        javaDir = Path.of(System.getProperty("java.home"), "bin").toString();
    }

    @Test
    void statusCompactAndResetOfTheBundleUnderAnEmptyEnvironment() throws IOException {
        String before = badImageSum();
        Tools.Result status = launcher("env -i PATH=\"$JAVA_DIR:/usr/bin:/bin\"", "status .");
        assertEquals(4, status.exitCode(), status.toString());
        assertTrue(row(status.stdout(), SESSION).contains("32.0 MiB"), status.toString());
        assertTrue(row(status.stdout(), "rootfs.img").contains("32.0 MiB"), status.toString());
        assertTrue(status.stdout().contains("base " + SESSION + ".zst (zstd"), status.toString());
        assertRefusedOnce(status, "bad\\xff.img: the file name is not valid UTF-8");

        Tools.Result compact = launcher("env -i PATH=\"$JAVA_DIR:/usr/bin:/bin\"", "compact --dry-run .");
        assertEquals(4, compact.exitCode(), compact.toString());
        assertTrue(compact.stdout().contains(SESSION + ": would free"), compact.toString());
        assertTrue(compact.stdout().contains("rootfs.img: would free"), compact.toString());
        assertRefusedOnce(compact, "bad\\xff.img: the file name is not valid UTF-8");

        Tools.Result reset = launcher("env -i PATH=\"$JAVA_DIR:/usr/bin:/bin\"", "reset .");
        assertEquals(4, reset.exitCode(), reset.toString());
        assertTrue(reset.stdout().contains(SESSION + ": reset from " + SESSION + ".zst"), reset.toString());
        assertRefusedOnce(reset, "bad\\xff.img: the file name is not valid UTF-8");
        assertEquals(before, badImageSum(), "the image with the name that is not UTF-8 must be left alone");
    }

    @Test
    void aNameGivenDirectlyUnderLangC() {
        Tools.Result inspect = launcher("env -i PATH=\"$JAVA_DIR:/usr/bin:/bin\" LANG=C", "inspect \"" + SESSION_SH + "\"");
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.stdout().startsWith(SESSION + "\n  apparent size    32.0 MiB"), inspect.toString());

        Tools.Result holders = launcher("env LC_ALL=C", "holders \"" + SESSION_SH + "\"");
        assertEquals(0, holders.exitCode(), holders.toString());
        assertTrue(holders.stdout().contains(SESSION + ": not held by any process"), holders.toString());

        Tools.Result bad = launcher("env -i PATH=\"$JAVA_DIR:/usr/bin:/bin\"", "inspect \"" + BAD_SH + "\"");
        assertEquals(4, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("no such file (the name as given holds bytes that are not valid UTF-8"), bad.toString());
    }

    /** Without the launcher, the JVM's file-name encoding is ASCII: still one line per image, the others done. */
    @Test
    void theJarAloneUnderAnAsciiLocaleReportsEachNameItCannotUseAndGoesOn() {
        Tools.Result status = sh("env -i \"$JAVA_DIR/java\" -jar ../cli/target/vmdisk.jar status .");
        assertEquals(4, status.exitCode(), status.toString());
        assertTrue(row(status.stdout(), "rootfs.img").contains("32.0 MiB"), status.toString());
        assertFalse(status.stderr().contains("Exception"), status.toString());
        assertRefusedOnce(status, "sessi\\xc3\\xb3n.img: the file name cannot be written in this JVM's file-name encoding");
        assertRefusedOnce(status, "bad\\xff.img: the file name cannot be written");

        Tools.Result compact = sh("env -i \"$JAVA_DIR/java\" -jar ../cli/target/vmdisk.jar compact --dry-run .");
        assertEquals(4, compact.exitCode(), compact.toString());
        assertTrue(compact.stdout().contains("rootfs.img: would free"), compact.toString());
        assertFalse(compact.stderr().contains("Exception"), compact.toString());
    }

    private Tools.Result launcher(String env, String command) {
        return sh(env + " sh ../vmdisk " + command);
    }

    /** Runs {@code script} by sh in the bundle, with JAVA_DIR set to this JDK's bin. */
    private Tools.Result sh(String script) {
        List<String> cmd = new ArrayList<>(List.of("env", "JAVA_DIR=" + javaDir, "sh", "-c", "cd \"$0\" && " + script,
                bundle.toString()));
        return Tools.run(cmd);
    }

    private String badImageSum() {
        return Tools.run("python3", "-c", "import hashlib, os, sys\n"
                + "print(hashlib.sha256(open(os.fsencode(sys.argv[1]) + b'/bad\\xff.img', 'rb').read()).hexdigest())",
                bundle.toString()).orThrow().stdout();
    }

    private static String row(String out, String name) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(name) + " .*$").matcher(out);
        assertTrue(m.find(), name + " has no row in\n" + out);
        return m.group();
    }

    private static void assertRefusedOnce(Tools.Result run, String message) {
        long lines = run.stderr().lines().filter(l -> l.startsWith("vmdisk: ") && l.contains(message)).count();
        assertEquals(1, lines, message + "\n" + run);
    }
}
