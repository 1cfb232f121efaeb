package dev.vmdisk.io.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Unix sockets bound in real directories: one that works, one whose path is too long for sun_path. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Unix sockets in a Unix directory tree")
class UnixSocketCheckTest {
    @TempDir
    Path dir;

    @Test
    void bindsAndRemovesItsSocket() throws IOException {
        Finding f = new UnixSocketCheck("Linux").run("$TMPDIR", dir);
        assertEquals(Finding.Status.OK, f.status(), f.toString());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "the socket was left behind");
        }
    }

    @Test
    void aPathPastSunPathIsAProblemBeforeAnythingIsTried() throws IOException {
        Path deep = Files.createDirectories(dir.resolve("a".repeat(60)).resolve("b".repeat(60)));
        Finding f = new UnixSocketCheck("Linux").run("$TMPDIR", deep);
        assertEquals(Finding.Status.PROBLEM, f.status(), f.toString());
        assertTrue(((Found.Text) f.found()).line().contains("sun_path holds 107 and a NUL"), ((Found.Text) f.found()).line());
        assertTrue(f.remedy().contains("shorter directory"), f.remedy());
    }

    @Test
    void aMissingDirectoryIsUnknownNotAProblem() {
        assertEquals(Finding.Status.UNKNOWN, new UnixSocketCheck("Linux").run("$TMPDIR", dir.resolve("none")).status());
    }
}
