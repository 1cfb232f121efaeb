package dev.vmdisk.cli;

import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import dev.vmdisk.io.reset.ImageReset;
import dev.vmdisk.io.reset.ResetLeftovers;
import dev.vmdisk.io.reset.ResetRequest;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.vmdisk.cli.ResetCommandIT.IMAGE_SIZE;
import static dev.vmdisk.cli.ResetCommandIT.ext4;
import static dev.vmdisk.cli.ResetCommandIT.zstdBaseOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How reset reads its base: a base that shrinks under it, and huge sparse raw bases. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the reset tests use the Linux port and tmpfs")
class ResetBaseReadsIT {
    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        Tools.require("zstd");
    }

    @Test
    void aBaseThatShrinksWhileItIsReadIsOneLineNotAJvmCrash() throws IOException {
        // 48 MiB of random bytes: zstd cannot shrink them, so the base is far longer than the few
        // 4 MiB buffers the decoder may run ahead of the writer when the base is cut.
        long size = 48 << 20;
        Path content = dir.resolve("content");
        byte[] noise = new byte[(int) size];
        new Random(21).nextBytes(noise);
        Files.write(content, noise);
        Path base = zstdBaseOf(content, dir.resolve("big.zst"), "-1");
        Path image = ResetCommandIT.write(dir.resolve("rootfs.img"), size, 22);
        byte[] old = Files.readAllBytes(image);
        AtomicBoolean cut = new AtomicBoolean();

        VmdiskException e = assertThrows(VmdiskException.class, () -> new ImageReset(NativeFsLoader.load())
                .run(new ResetRequest(image, base, false), (done, total) -> {
                    if (cut.compareAndSet(false, true)) {
                        try (RandomAccessFile f = new RandomAccessFile(base.toFile(), "rw")) {
                            f.setLength(1 << 20); // what a download being restarted does to it
                        } catch (IOException io) {
                            throw new IllegalStateException(io);
                        }
                    }
                }));

        assertTrue(cut.get(), "the base was never cut");
        assertEquals(5, ExitCode.of(e), e.getMessage());
        assertTrue(e.getMessage().contains("shrank while vmdisk read it"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(image), "the old image changed");
        assertFalse(Files.exists(ResetLeftovers.temporary(image)), "temporary file left behind");
    }

    @Test
    void aTwoTebibyteSparseRawBaseIsReadHoleByHoleInSeconds() throws IOException {
        long size = 2L << 40;
        Path fs = ext4(dir.resolve("fs.img"), IMAGE_SIZE, 23);
        byte[] head = Files.readAllBytes(fs);
        byte[] tail = "the last data of a 2 TiB base".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path base = dir.resolve("huge.img");
        try (RandomAccessFile f = new RandomAccessFile(base.toFile(), "rw")) {
            f.write(head);
            f.seek(size - 3 * 4096);
            f.write(tail);
            f.setLength(size);
        }
        Path image = dir.resolve("rootfs.img");

        long start = System.nanoTime();
        CliRun r = CliRun.of("reset", image.toString(), "--from", base.toString());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(seconds < 15, "took " + seconds + " s: were the holes read?");
        assertEquals(size, Files.size(image));
        assertTrue(Tools.allocatedBytes(image) < 64 << 20, Tools.allocatedBytes(image) + " bytes allocated");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
            byte[] got = new byte[head.length];
            f.readFully(got);
            assertArrayEquals(head, got);
            byte[] end = new byte[3 * 4096];
            f.seek(size - end.length);
            f.readFully(end);
            assertArrayEquals(tail, Arrays.copyOf(end, tail.length));
            assertTrue(Arrays.equals(new byte[end.length - tail.length], Arrays.copyOfRange(end, tail.length, end.length)));
        }
    }

    @Test
    void anEightExbibyteRawBaseIsRefusedInOneLine() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: mounting a tmpfs needs root");
        // Only tmpfs holds a file this long (its limit is 2^63 - 1 bytes; ext4's is 16 TiB).
        Path mount = Files.createDirectory(dir.resolve("tmpfs"));
        Tools.run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString()).orThrow();
        try {
            Path base = mount.resolve("absurd.img");
            try (RandomAccessFile f = new RandomAccessFile(base.toFile(), "rw")) {
                f.write(Files.readAllBytes(ext4(dir.resolve("fs.img"), IMAGE_SIZE, 24)));
                f.setLength(Long.MAX_VALUE);
            }
            Path image = ext4(dir.resolve("rootfs.img"), IMAGE_SIZE, 25);
            byte[] old = Files.readAllBytes(image);

            CliRun r = CliRun.of("reset", image.toString(), "--from", base.toString());
            assertEquals(4, r.exitCode(), r.describe());
            assertTrue(r.err().contains("8.0 EiB (9223372036854775807 bytes)"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertArrayEquals(old, Files.readAllBytes(image));

            // A new image on ext4, whose files end at 16 TiB: the volume refuses the length, in one line.
            assumeTrue("ext4".equals(Files.getFileStore(dir).type()), "the temporary directory is not on ext4");
            Path fresh = dir.resolve("new.img");
            r = CliRun.of("reset", fresh.toString(), "--from", base.toString());
            assertEquals(5, r.exitCode(), r.describe());
            assertTrue(r.err().contains("longer than this volume allows one file to be"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(fresh));
            assertFalse(Files.exists(ResetLeftovers.temporary(fresh)), "temporary file left behind");
        } finally {
            Tools.run("umount", mount.toString()).orThrow();
        }
    }
}
