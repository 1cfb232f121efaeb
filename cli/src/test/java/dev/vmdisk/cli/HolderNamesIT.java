package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A holder whose executable is named with an escape sequence and a newline (anyone may name a program so):
 * text output shows them escaped, never raw on the terminal; JSON carries the real name.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "names come from /proc/PID/exe")
class HolderNamesIT {
    private static final String EVIL = "vm\u001b[2J\u001b[31m\nvmdisk: fake";
    private static final String ESCAPED = "vm\\x1b[2J\\x1b[31m\\nvmdisk: fake";

    @TempDir
    Path dir;

    @Test
    void controlCharactersInAHoldersNameAreEscapedInTextAndExactInJson() throws Exception {
        Path image = Fixtures.copy("ext4-4k.img", dir);
        Path sleep = Path.of(new String(new ProcessBuilder("sh", "-c", "command -v sleep").start()
                .getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        Path evil = dir.resolve(EVIL);
        Files.copy(sleep, evil);
        Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process p = new ProcessBuilder("sh", "-c", "exec 3<\"$0\"; echo ready; exec \"$1\" 60", image.toString(), evil.toString())
                .redirectErrorStream(true).start();
        try {
            assertEquals("ready", new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine());

            CliRun holders = CliRun.of("holders", image.toString());
            assertEquals(3, holders.exitCode(), holders.describe());
            assertTrue(holders.out().contains(ESCAPED), holders.describe());
            assertNoRawControl(holders.out());

            CliRun inspect = CliRun.of("inspect", image.toString());
            assertTrue(inspect.out().contains("held by " + ESCAPED + " (pid " + p.pid()), inspect.describe());
            assertNoRawControl(inspect.out());

            CliRun compact = CliRun.of("compact", image.toString());
            assertEquals(3, compact.exitCode(), compact.describe());
            assertTrue(compact.err().contains(ESCAPED), compact.describe());
            assertEquals(1, compact.err().lines().filter(l -> !l.startsWith("vmdisk: warning:")).count(), compact.describe());
            assertNoRawControl(compact.err());

            CliRun json = CliRun.of("holders", "--json", image.toString());
            assertTrue(json.out().contains("\"name\": \"vm\\u001b[2J\\u001b[31m\\nvmdisk: fake\""), json.describe());
            assertNoRawControl(json.out());
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** No ESC at all, and a newline only at the end of a line vmdisk itself wrote. */
    private static void assertNoRawControl(String text) {
        assertFalse(text.contains("\u001b"), text);
        assertFalse(text.contains("\nvmdisk: fake"), text);
    }
}
