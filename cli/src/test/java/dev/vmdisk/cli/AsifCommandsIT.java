package dev.vmdisk.cli;

import dev.vmdisk.testdata.AsifWriter;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.vmdisk.cli.ResetCommandIT.ext4;
import static dev.vmdisk.cli.ResetCommandIT.zstdBaseOf;
import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands on an ASIF {@code sessiondata.img}, as a user on macOS 26 meets it (files made by the test writer). */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the commands that change images use the Linux port")
class AsifCommandsIT {
    static final long SIZE = 8 << 20;

    @TempDir
    Path dir;
    Path raw;
    Path image;

    @BeforeEach
    void images() throws IOException {
        raw = ext4(dir.resolve("guest.raw"), SIZE, 1);
        Tools.run("debugfs", "-w", "-R", "rm /random.bin", raw.toString()).orThrow(); // a deleted file to trim
        Path bundle = Files.createDirectories(dir.resolve("claudevm.bundle"));
        image = bundle.resolve("sessiondata.img");
        new AsifWriter().write(raw, image);
    }

    @Test
    void inspectSeesTheVirtualDiskAndTheFileSystemInside() {
        CliRun r = CliRun.of("inspect", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("virtual disk     8.0 MiB (8388608 bytes)"), r.describe());
        assertTrue(r.out().contains("content          ASIF disk image, virtual disk 8.0 MiB"), r.describe());
        assertTrue(r.out().contains("virtual disk: ext4, 8.0 MiB"), r.describe());
        // The file system is on the virtual disk, not the image file as a whole (it said "whole image:" before).
        assertTrue(r.out().contains("file systems     virtual disk: ext4"), r.describe());
        assertFalse(r.out().contains("whole image"), r.describe());
        assertTrue(r.out().contains("of its free space is still allocated on the host (vmdisk compact gives it back)"), r.describe());

        CliRun j = CliRun.of("inspect", "--json", image.toString());
        assertEquals(0, j.exitCode(), j.describe());
        assertTrue(j.out().contains("\"kind\": \"asif\""), j.out());
        assertTrue(j.out().contains("\"virtualBytes\": 8388608"), j.out());
    }

    @Test
    void duReadsTheGuest() {
        CliRun r = CliRun.of("du", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("/etc"), r.describe());
    }

    @Test
    void compactTrimsInsideDataChunks() {
        CliRun dry = CliRun.of("compact", "--dry-run", image.toString());
        assertEquals(0, dry.exitCode(), dry.describe());
        assertTrue(dry.out().contains("would free 1.0 MiB of free guest blocks"), dry.describe());
        assertTrue(dry.out().contains("  virtual disk: ext4"), dry.describe());
        CliRun r = CliRun.of("compact", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("trimmed 1.0 MiB of free guest blocks"), r.describe());
        CliRun fsck = CliRun.of("inspect", image.toString());
        assertTrue(fsck.out().contains("0 B of its free space is still allocated on the host"), fsck.describe());
    }

    @Test
    void statusNamesTheFormat() {
        CliRun r = CliRun.of("status", "--json", image.getParent().toString());
        assertTrue(r.out().contains("\"format\": \"asif\""), r.describe());
    }

    @Test
    void resetFromARawBaseIsRefused() throws IOException {
        String before = sha256(image);
        Path base = zstdBaseOf(raw, image.resolveSibling("sessiondata.img.zst"));
        CliRun r = CliRun.of("reset", image.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertEquals(1, r.err().strip().lines().count(), r.describe());
        assertTrue(r.err().contains("sessiondata.img is an ASIF image but " + base + " decompresses to ext4"), r.describe());
        assertTrue(r.err().contains("sessiondata.img is unchanged"), r.describe());
        assertEquals(before, sha256(image));
    }

    @Test
    void resetFromAnAsifBaseIsAVerifiedCopy() throws IOException {
        Path other = ext4(dir.resolve("other.raw"), SIZE, 2);
        Path fresh = dir.resolve("fresh.asif");
        new AsifWriter().seed(9).write(other, fresh);
        zstdBaseOf(fresh, image.resolveSibling("sessiondata.img.zst"));
        CliRun r = CliRun.of("reset", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(sha256(fresh), sha256(image));
        assertFalse(CliRun.of("inspect", image.toString()).out().isEmpty());
    }
}
