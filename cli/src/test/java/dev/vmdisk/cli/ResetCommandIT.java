package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import dev.vmdisk.io.reset.ResetLeftovers;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code vmdisk reset} end to end on real files, real zstd frames, real processes, the real Linux port. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the reset tests use the Linux port, flock(1) and tmpfs")
class ResetCommandIT {
    static NativeFs fs;

    @TempDir
    Path dir;
    Path image;
    byte[] oldContent;

    @BeforeAll
    static void port() {
        fs = NativeFsLoader.load();
    }

    @BeforeEach
    void oldImage() throws IOException {
        Tools.require("zstd");
        image = write(dir.resolve("rootfs.img"), IMAGE_SIZE, 1);
        oldContent = Files.readAllBytes(image);
    }

    record Run(int exit, String out, String err) {
    }

    static Run vmdisk(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(fs, new PrintWriter(out), new PrintWriter(err), args);
        CliRun.checkJson(out.toString(), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** An image-like file: 64 KiB stretches of zeros, random bytes or text, by seed. */
    static Path write(Path p, long size, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] stretch = new byte[64 * 1024];
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(0);
            for (long at = 0; at < size; at += stretch.length) {
                int kind = r.nextInt(4);
                if (kind <= 1) {
                    continue;
                }
                if (kind == 2) {
                    r.nextBytes(stretch);
                } else {
                    for (int i = 0; i < stretch.length; i++) {
                        stretch[i] = (byte) ("vmdisk ".charAt(i % 7) + seed);
                    }
                }
                f.seek(at);
                f.write(stretch, 0, (int) Math.min(stretch.length, size - at));
            }
            f.setLength(size);
        }
        return p;
    }

    /** The size of {@link #oldImage}: a base for it must decompress to this size unless --resize. */
    static final long IMAGE_SIZE = 6 << 20;

    /**
     * A real ext4 image of {@code size} bytes made by mke2fs, holding files whose bytes follow from
     * {@code seed}: a base reset accepts (a file system it recognises) and that differs by seed.
     */
    static Path ext4(Path p, long size, long seed) throws IOException {
        Tools.require("mke2fs");
        Path content = Files.createTempDirectory(p.getParent(), "content");
        Random r = new Random(seed);
        byte[] noise = new byte[(int) Math.min(size / 4, 1 << 20)];
        r.nextBytes(noise);
        Files.write(content.resolve("random.bin"), noise);
        Files.writeString(content.resolve("text.txt"), ("vmdisk reset seed " + seed + "\n").repeat(20_000));
        Files.createDirectories(content.resolve("etc")).resolve("hostname");
        Files.writeString(content.resolve("etc/hostname"), "sandbox-" + seed + "\n");
        Files.deleteIfExists(p);
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-E", "root_owner=0:0", "-U", new java.util.UUID(seed, seed).toString(),
                "-d", content.toString(), p.toString(), (size / 1024) + "k").orThrow();
        return p;
    }

    static long blocks512(Path p) {
        return Tools.allocatedBytes(p) / 512;
    }

    static Path zstdBaseOf(Path content, Path base, String... options) {
        List<String> cmd = new java.util.ArrayList<>(List.of("zstd", "-q", "-f"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-o", base.toString(), content.toString()));
        Tools.run(cmd).orThrow();
        return base;
    }

    void assertOldImageIntactAndNoTemporaryLeft() throws IOException {
        assertArrayEquals(oldContent, Files.readAllBytes(image), "the old image changed");
        assertFalse(Files.exists(ResetLeftovers.temporary(image)), "temporary file left behind");
    }

    @Test
    void resetMatchesZstdByteForByteAndAllocatesNoMore() throws IOException {
        Path fresh = ext4(dir.resolve("fresh"), IMAGE_SIZE, 2);
        Path base = zstdBaseOf(fresh, dir.resolve("rootfs.img.zst"));
        Files.delete(fresh);
        Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rw-r-----"));

        Run r = vmdisk("reset", image.toString());

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("reset from rootfs.img.zst (zstd, 1 frame, checksum verified)"), r.out());
        Path byZstd = dir.resolve("by-zstd");
        Tools.run("zstd", "-q", "-d", "-o", byZstd.toString(), base.toString()).orThrow();
        assertArrayEquals(Files.readAllBytes(byZstd), Files.readAllBytes(image));
        Path sparse = dir.resolve("by-zstd-sparse");
        Tools.run("zstd", "-q", "-d", "--sparse", "-o", sparse.toString(), base.toString()).orThrow();
        assertTrue(blocks512(image) <= blocks512(sparse), blocks512(image) + " > " + blocks512(sparse));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
        assertFalse(Files.exists(ResetLeftovers.temporary(image)));
        assertFalse(Files.exists(ResetLeftovers.kept(image)));
    }

    @Test
    void keepOldKeepsTheOldImageAndReplacesAnEarlierOne() throws IOException {
        Files.writeString(ResetLeftovers.kept(image), "an older one");
        Path fresh = ext4(dir.resolve("fresh"), IMAGE_SIZE, 3);
        Path base = zstdBaseOf(fresh, dir.resolve("golden.zst"));

        Run r = vmdisk("reset", image.toString(), "--from", base.toString(), "--keep-old", "--json");

        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(oldContent, Files.readAllBytes(ResetLeftovers.kept(image)));
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(image));
        assertTrue(r.out().contains("\"format\": \"zstd\""), r.out());
        assertTrue(r.out().contains("\"apparentBytes\": " + IMAGE_SIZE), r.out());
        assertTrue(r.out().contains("\"oldKept\": \"" + ResetLeftovers.kept(image.toRealPath()) + "\""), r.out());
        assertTrue(r.out().startsWith("{") && r.out().trim().endsWith("}"), "JSON only on stdout: " + r.out());
    }

    @Test
    void quietPrintsNothingButErrorsAndProgressIsShownWhenAsked() throws IOException {
        Path fresh = ext4(dir.resolve("fresh"), IMAGE_SIZE, 5);
        Path base = zstdBaseOf(fresh, dir.resolve("golden.zst"));

        Run quiet = vmdisk("reset", image.toString(), "--from", base.toString(), "--quiet");
        assertEquals(0, quiet.exit(), quiet.err());
        assertEquals("", quiet.out());
        assertEquals("", quiet.err());
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(image));

        Run shown = vmdisk("reset", image.toString(), "--from", base.toString(), "--quiet", "--progress");
        assertEquals(0, shown.exit(), shown.err());
        assertEquals("", shown.out());
        assertTrue(shown.err().contains("reset") && shown.err().contains("MiB"), "a progress bar on stderr: " + shown.err());

        Run both = vmdisk("reset", image.toString(), "--from", base.toString(), "--quiet", "--json");
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(image));
    }

    @Test
    void aSymbolicLinkKeepsPointingAtTheResetImage() throws IOException {
        Path link = dir.resolve("link.img");
        Files.createSymbolicLink(link, image.getFileName());
        Path fresh = ext4(dir.resolve("fresh"), IMAGE_SIZE, 4);
        Path base = zstdBaseOf(fresh, dir.resolve("golden.zst"));

        assertEquals(0, vmdisk("reset", link.toString(), "--from", base.toString()).exit());

        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(image));
    }

    @Test
    void withoutABaseBesideItSaysWhatToPass() throws IOException {
        Run r = vmdisk("reset", image.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("rootfs.img.zst") && r.err().contains("--from BASE"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertOldImageIntactAndNoTemporaryLeft();
    }

    @Test
    void truncatedOrFlippedBasesFailWithExit4AndChangeNothing() throws IOException {
        Path fresh = ext4(dir.resolve("fresh"), IMAGE_SIZE, 5);
        byte[] good = Files.readAllBytes(zstdBaseOf(fresh, dir.resolve("good.zst")));
        for (int cut : new int[] {2, 9, good.length / 3, good.length - 3}) {
            Path bad = dir.resolve("cut.zst");
            Files.write(bad, java.util.Arrays.copyOf(good, cut));
            Run r = vmdisk("reset", image.toString(), "--from", bad.toString());
            assertEquals(4, r.exit(), "cut at " + cut + ": " + r.err());
            assertTrue(r.err().contains("rootfs.img is unchanged"), r.err());
            assertOldImageIntactAndNoTemporaryLeft();
        }
        byte[] flipped = good.clone();
        flipped[flipped.length - 2] ^= 0x40; // inside the XXH64 checksum
        Path bad = dir.resolve("flipped.zst");
        Files.write(bad, flipped);
        Run r = vmdisk("reset", image.toString(), "--from", bad.toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().toLowerCase().contains("checksum"), r.err());
        assertOldImageIntactAndNoTemporaryLeft();
    }

    @Test
    void aBaseThatIsNotCompressedIsCopiedSparse() throws IOException {
        Path raw = ext4(dir.resolve("golden.img"), IMAGE_SIZE, 6);
        Run r = vmdisk("reset", image.toString(), "--from", raw.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(raw, no checksum in the base)"), r.out());
        assertArrayEquals(Files.readAllBytes(raw), Files.readAllBytes(image));
    }

    @Test
    void aHeldImageIsRefusedWithExit3() throws Exception {
        Tools.require("flock");
        Path base = zstdBaseOf(write(dir.resolve("fresh"), 1 << 20, 7), dir.resolve("golden.zst"));
        Process holder = holdLock(image);
        try {
            Run r = vmdisk("reset", image.toString(), "--from", base.toString());
            assertEquals(3, r.exit(), r.err());
            assertTrue(r.err().contains("rootfs.img"), r.err());
            assertOldImageIntactAndNoTemporaryLeft();
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTemporaryFileWhoseOwnerLivesIsLeftAlone() throws Exception {
        Tools.require("flock");
        Path base = zstdBaseOf(write(dir.resolve("fresh"), 1 << 20, 8), dir.resolve("golden.zst"));
        Path temporary = ResetLeftovers.temporary(image);
        Files.writeString(temporary, "a reset in progress");
        Process owner = holdLock(temporary);
        try {
            Run r = vmdisk("reset", image.toString(), "--from", base.toString());
            assertEquals(3, r.exit(), r.err());
            assertTrue(r.err().contains("another vmdisk reset"), r.err());
            assertTrue(Files.exists(temporary));
            assertArrayEquals(oldContent, Files.readAllBytes(image));
        } finally {
            owner.destroy();
            owner.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A real process holding an exclusive flock on {@code p} until destroyed. */
    static Process holdLock(Path p) throws IOException {
        Process holder = new ProcessBuilder("flock", "-x", p.toString(), "-c", "echo locked; exec sleep 60")
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", r.readLine());
        return holder;
    }

    @Test
    void noSpaceFailsWithExit5AndChangesNothing() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: mounting a size-limited tmpfs needs root");
        Path mount = Files.createDirectory(dir.resolve("small"));
        Tools.run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()).orThrow();
        try {
            image = write(mount.resolve("rootfs.img"), 2 << 20, 9);
            oldContent = Files.readAllBytes(image);
            Path random = dir.resolve("random");
            byte[] noise = new byte[16 << 20];
            new Random(10).nextBytes(noise);
            Files.write(random, noise);
            Path base = zstdBaseOf(random, dir.resolve("big.zst"));

            // Random bytes of another size: the checks that would refuse them are not what this tests.
            Run r = vmdisk("reset", image.toString(), "--from", base.toString(), "--resize", "--any-content");

            assertEquals(5, r.exit(), r.err());
            assertTrue(r.err().contains("no space left"), r.err());
            assertOldImageIntactAndNoTemporaryLeft();
        } finally {
            Tools.run("umount", mount.toString()).orThrow();
        }
    }

    @Test
    void killDashNineMidwayLeavesTheOldImageAndTheNextRunCleansUp() throws Exception {
        // A base big enough that the child is still writing when it is killed: 768 MiB, mostly zeros.
        Path big = dir.resolve("big.img");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            byte[] chunk = new byte[64 * 1024];
            Random r = new Random(11);
            for (long at = 0; at < (768L << 20); at += 1 << 20) {
                r.nextBytes(chunk);
                f.seek(at);
                f.write(chunk);
            }
            f.setLength(768L << 20);
        }
        Path base = zstdBaseOf(big, dir.resolve("big.zst"), "-1");
        Files.delete(big);
        Path temporary = ResetLeftovers.temporary(image);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ResetCommandIT.class.getName(),
                "reset", image.toString(), "--from", base.toString(), "--resize", "--any-content")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(temporary) && Files.size(temporary) > (64 << 20)) && child.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(child.isAlive(), "the reset ended before it could be killed: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        assertArrayEquals(oldContent, Files.readAllBytes(image), "the old image changed");
        assertTrue(Files.exists(temporary), "kill -9 leaves the temporary file for the next run");

        Path fresh = ext4(dir.resolve("fresh"), IMAGE_SIZE, 12);
        Run r = vmdisk("reset", image.toString(), "--from", zstdBaseOf(fresh, dir.resolve("small.zst")).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("removed " + temporary.getFileName()), r.err());
        assertFalse(Files.exists(temporary));
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(image));
    }

    /** The child JVM of the kill -9 test: vmdisk's {@link Main#run} with the same port as the tests. */
    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(Main.run(NativeFsLoader.load(), out, err, args));
    }
}
