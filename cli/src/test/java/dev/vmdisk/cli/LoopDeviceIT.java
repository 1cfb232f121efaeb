package dev.vmdisk.cli;

import dev.vmdisk.testdata.Checksums;
import dev.vmdisk.testdata.LoopDevice;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An image attached to a loop device (as {@code mount -o loop} does) is in use: the kernel may write
 * anywhere in it. compact and reset refuse it with exit 3 and say to detach it; the bytes stay.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux loop devices")
class LoopDeviceIT {
    @TempDir
    Path dir;

    /** 8 MiB: 1 MiB of data, then written zeros that compact would punch. */
    private Path image() throws IOException {
        Path img = dir.resolve("rootfs.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.write(new byte[1 << 20]);
            f.seek(0);
            f.write("data".getBytes());
            f.seek(1 << 20);
            f.write(new byte[7 << 20]);
        }
        return img;
    }

    @Test
    void compactRefusesAnAttachedImageAndSaysToDetachIt() throws IOException {
        Path img = image();
        String sha = Checksums.sha256(img);
        long allocated = Tools.allocatedBytes(img);
        try (LoopDevice loop = LoopDevice.attach(img)) {
            String device = loop.device();
            CliRun r = CliRun.of("compact", "--zeros-only", img.toString());
            assertEquals(3, r.exitCode(), r.describe());
            assertTrue(r.err().contains("held by kernel loop device (" + device + "); detach " + device + " first"), r.describe());
            assertEquals(sha, Checksums.sha256(img));
            assertEquals(allocated, Tools.allocatedBytes(img), "nothing punched");
        }
    }

    @Test
    void resetRefusesAnAttachedImage() throws IOException {
        Path img = image();
        Path base = dir.resolve("base.raw");
        Files.write(base, new byte[4096]);
        String sha = Checksums.sha256(img);
        try (LoopDevice loop = LoopDevice.attach(img)) {
            CliRun r = CliRun.of("reset", img.toString(), "--from", base.toString());
            assertEquals(3, r.exitCode(), r.describe());
            assertTrue(r.err().contains("detach " + loop.device() + " first"), r.describe());
            assertEquals(sha, Checksums.sha256(img));
        }
    }

    @Test
    void holdersListsTheDeviceWithPidZero() throws IOException {
        Path img = image();
        try (LoopDevice loop = LoopDevice.attach(img)) {
            CliRun r = CliRun.of("holders", img.toString());
            assertEquals(3, r.exitCode(), r.describe());
            assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+0\\s+kernel loop device\\s+loop-device " + loop.device())),
                    r.describe());
        }
    }
}
