package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * compact where the environment refuses: a file system that cannot punch holes (ramfs) and a volume
 * mounted read-only (tmpfs remounted ro). Exit 5, one line, the image unchanged. Needs root to mount;
 * skipped with a message otherwise.
 */
@EnabledOnOs(OS.LINUX)
class CompactEnvironmentIT {

    @TempDir
    Path dir;
    private Path mountPoint;

    private void mount(String... options) {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting needs root; skipping");
        mountPoint = dir.resolve("mnt");
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String[] cmd = new String[options.length + 3];
        cmd[0] = "mount";
        System.arraycopy(options, 0, cmd, 1, options.length);
        cmd[options.length + 1] = "none";
        cmd[options.length + 2] = mountPoint.toString();
        Tools.Result r = Tools.run(cmd);
        Assumptions.assumeTrue(r.exitCode() == 0, "cannot mount here (" + r.stderr().trim() + "); skipping");
    }

    @AfterEach
    void unmount() {
        if (mountPoint != null) {
            Tools.run("umount", mountPoint.toString());
        }
    }

    /** 4 MiB with 1 MiB of random data at 1 MiB: 3 MiB of zero blocks a compact would punch. */
    private Path image() throws IOException {
        Path img = mountPoint.resolve("disk.img");
        byte[] data = new byte[1 << 20];
        new Random(5).nextBytes(data);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.write(new byte[4 << 20]);
            f.seek(1 << 20);
            f.write(data);
        }
        return img;
    }

    @Test
    void aFileSystemThatCannotPunchHolesIsRefusedAndNothingChanges() throws Exception {
        mount("-t", "ramfs");
        Path img = image();
        String before = sha256(img);
        CliRun r = CliRun.of("compact", img.toString());
        assertEquals(5, r.exitCode(), r.describe());
        assertTrue(r.err().contains("fallocate(PUNCH_HOLE) at 0: Operation not supported (this file system cannot do that)"),
                r.describe());
        assertEquals(1, r.err().lines().filter(l -> !l.contains("warning:")).count(), r.describe());
        assertEquals(before, sha256(img));
    }

    /** inspect promises that compact gives the zero blocks back only where the host can punch holes. */
    @Test
    void inspectOnAFileSystemThatCannotPunchHolesSaysSo() throws Exception {
        mount("-t", "ramfs");
        CliRun r = CliRun.of("inspect", image().toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("allocated but all zeros (the host file system, ramfs, cannot punch holes, so vmdisk"
                + " compact cannot give them back here)"), r.describe());
    }

    @Test
    void inspectOnAFileSystemThatPunchesHolesPromisesCompact() throws Exception {
        mount("-t", "tmpfs", "-o", "size=16m");
        CliRun r = CliRun.of("inspect", image().toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("allocated but all zeros (vmdisk compact gives them back)"), r.describe());
    }

    @Test
    void aReadOnlyVolumeIsRefusedAndNothingChanges() throws Exception {
        mount("-t", "tmpfs", "-o", "size=16m");
        Path img = image();
        String before = sha256(img);
        Tools.run("mount", "-o", "remount,ro", mountPoint.toString()).orThrow();
        CliRun r = CliRun.of("compact", img.toString());
        assertEquals(5, r.exitCode(), r.describe());
        assertTrue(r.err().contains("its volume is mounted read-only"), r.describe());
        assertEquals(before, sha256(img));
    }

}
