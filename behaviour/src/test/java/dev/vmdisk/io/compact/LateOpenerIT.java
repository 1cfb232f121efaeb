package dev.vmdisk.io.compact;

import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.reset.ImageReset;
import dev.vmdisk.io.reset.ResetRequest;
import dev.vmdisk.io.scan.PatternFileAccess;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.testdata.FreeBlocks;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process that opens the image in the middle of a compact or reset, taking no lock, as a booting VM
 * does (the hostile test of issue 17): vmdisk's write lease makes its open() wait, vmdisk stops at its
 * next step with exit 3, and everything that process writes afterwards is still there. Also the holders
 * only the kernel can see: a mapping whose descriptor was closed, a truncation.
 */
@EnabledOnOs(OS.LINUX)
class LateOpenerIT {
    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    /** Every 64 KiB of a file of {@code size} bytes, where the late opener writes its marker. */
    static List<Long> everySixtyFourKiB(long size) {
        List<Long> out = new ArrayList<>();
        for (long o = 4096; o + LateOpener.MARKER.length < size; o += 64 << 10) {
            out.add(o);
        }
        return out;
    }

    /** {@code original} with the marker written at each offset: what the image must hold afterwards. */
    static byte[] withMarkers(byte[] original, List<Long> offsets) {
        byte[] expected = original.clone();
        for (long o : offsets) {
            System.arraycopy(LateOpener.MARKER, 0, expected, (int) o, LateOpener.MARKER.length);
        }
        return expected;
    }

    /** A progress that starts the late opener at the {@code n}th window and waits until it is blocked. */
    static ScanProgress openerAt(int n, Path image, List<Long> offsets, List<LateOpener> started) {
        return new ScanProgress() {
            int windows;

            @Override
            public void advance(long scannedBytes) {
                if (windows++ == n) {
                    LateOpener o = LateOpener.start(image, offsets);
                    started.add(o);
                    o.awaitBlocked();
                }
            }
        };
    }

    @Test
    void zeroCompactStopsWhenAProcessOpensTheImageMidScanAndNoWriteIsLost() throws Exception {
        Tools.require("python3");
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 31, 4 << 20);
        byte[] original = Files.readAllBytes(p);
        List<Long> offsets = everySixtyFourKiB(original.length);
        List<LateOpener> started = new ArrayList<>();
        ExclusivityLostException e = assertThrows(ExclusivityLostException.class,
                () -> new ZeroCompactor(fs, 12, 2).compact(p, false, openerAt(3, p, offsets, started)));
        assertTrue(e.getMessage().contains("nothing was lost") || e.getMessage().contains("the image is unchanged"), e.getMessage());
        started.get(0).awaitWritten();
        assertArrayEquals(withMarkers(original, offsets), Files.readAllBytes(p));
    }

    @Test
    void theGatedCompactOfPreLaunchScriptsStopsToo() throws Exception {
        Tools.require("python3");
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 32, 4 << 20);
        byte[] original = Files.readAllBytes(p);
        List<Long> offsets = everySixtyFourKiB(original.length);
        List<LateOpener> started = new ArrayList<>();
        assertThrows(ExclusivityLostException.class,
                () -> new ZeroCompactor(fs, 12, 2).compactIfReclaimable(p, 1, openerAt(3, p, offsets, started)));
        started.get(0).awaitWritten();
        assertArrayEquals(withMarkers(original, offsets), Files.readAllBytes(p));
    }

    @Test
    void trimStopsBetweenTwoPunchesAndTheGuestWritesIntoFreeBlocksStay() throws Exception {
        Tools.require("python3");
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Tools.require("e2fsck");
        Tools.require("dumpe2fs");
        Path src = GuestImages.tree(dir, 60, 7);
        Path img = dir.resolve("guest.img");
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-d", src.toString(), img.toString(), "16M").orThrow();
        GuestImages.deleteGone(img, 0, src);
        allocateEverything(img);
        Map<String, byte[]> before = GuestImages.contents(img, 0, dir);
        // What a booting guest does: writes into blocks its file system calls free.
        List<Long> offsets = new ArrayList<>();
        List<Long> free = FreeBlocks.of(img);
        for (int i = 0; i < free.size(); i += 64) {
            offsets.add(free.get(i) * 4096);
        }
        assertTrue(offsets.size() > 5, "free blocks: " + free.size());
        List<LateOpener> started = new ArrayList<>();
        NativeFs hooked = new PunchHookFs(fs, n -> {
            if (n == 3) {
                LateOpener o = LateOpener.start(img, offsets);
                started.add(o);
                o.awaitBlocked();
            }
        });
        ExclusivityLostException e = assertThrows(ExclusivityLostException.class,
                () -> new TrimCompactor(hooked, 12, 2).compact(img, false, ScanProgress.NONE));
        assertTrue(e.getMessage().contains("trimmed"), e.getMessage());
        started.get(0).awaitWritten();
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            for (long o : offsets) {
                byte[] got = new byte[LateOpener.MARKER.length];
                f.seek(o);
                f.readFully(got);
                assertArrayEquals(LateOpener.MARKER, got, "the guest's write at " + o + " was lost");
            }
        }
        assertEquals(0, GuestImages.fsck(img, 0).exitCode(), GuestImages.fsck(img, 0).stdout());
        Map<String, byte[]> after = GuestImages.contents(img, 0, dir);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
    }

    /** A second vmdisk (inspect, status) opening the image mid-compact is told at once, and the compact stops. */
    @Test
    void aSecondVmdiskThatOpensTheImageIsToldAtOnceAndStopsTheCompact() throws Exception {
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 35, 4 << 20);
        byte[] original = Files.readAllBytes(p);
        List<String> told = new ArrayList<>();
        ScanProgress secondVmdisk = new ScanProgress() {
            int windows;

            @Override
            public void advance(long scannedBytes) {
                if (windows++ == 3) {
                    told.add(assertThrows(ImageInUseException.class, () -> fs.open(p, dev.vmdisk.io.nativefs.Access.READ_ONLY))
                            .getMessage());
                }
            }
        };
        assertThrows(ExclusivityLostException.class, () -> new ZeroCompactor(fs, 12, 2).compact(p, false, secondVmdisk));
        assertTrue(told.get(0).contains("holds a write lease on it"), told.get(0));
        assertArrayEquals(original, Files.readAllBytes(p));
    }

    @Test
    void aProcessThatMappedTheImageAndClosedItsDescriptorStillHoldsIt() throws Exception {
        Tools.require("python3");
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 33, 1 << 20);
        byte[] original = Files.readAllBytes(p);
        Process mapper = new ProcessBuilder("python3", "-c", "import mmap,os,sys,time\n"
                + "fd=os.open(sys.argv[1],os.O_RDWR)\nm=mmap.mmap(fd,4096)\nos.close(fd)\n"
                + "print('mapped',flush=True)\ntime.sleep(60)\n", p.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("mapped\n", new String(mapper.getInputStream().readNBytes(7), java.nio.charset.StandardCharsets.US_ASCII));
            ImageInUseException e = assertThrows(ImageInUseException.class,
                    () -> new ZeroCompactor(fs, 12, 2).compact(p, false, ScanProgress.NONE));
            assertTrue(e.getMessage().contains("pid " + mapper.pid()), e.getMessage());
            assertArrayEquals(original, Files.readAllBytes(p));
        } finally {
            mapper.destroyForcibly();
            mapper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTruncationDuringCompactIsNotUndone() throws Exception {
        Tools.require("python3");
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 34, 4 << 20);
        List<Process> started = new ArrayList<>();
        ScanProgress truncateMidScan = new ScanProgress() {
            int windows;

            @Override
            public void advance(long scannedBytes) {
                if (windows++ == 3) {
                    try {
                        started.add(new ProcessBuilder("python3", "-c", "import os,sys\nos.truncate(sys.argv[1], 1 << 20)\n",
                                p.toString()).start());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    awaitLeaseBreak();
                }
            }
        };
        assertThrows(ExclusivityLostException.class, () -> new ZeroCompactor(fs, 12, 2).compact(p, false, truncateMidScan));
        assertTrue(started.get(0).waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, started.get(0).exitValue());
        assertEquals(1 << 20, Files.size(p), "compact must never extend an image");
    }

    @Test
    void resetStopsWhenAProcessOpensTheImageDuringDecompression() throws Exception {
        Tools.require("python3");
        Tools.require("zstd");
        Tools.require("mke2fs");
        Path img = dir.resolve("rootfs.img");
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", img.toString(), "32M").orThrow();
        // A base with 24 MiB of incompressible data, so the reset takes many buffers.
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            byte[] noise = new byte[24 << 20];
            new Random(5).nextBytes(noise);
            f.seek(8 << 20);
            f.write(noise);
        }
        Tools.run("zstd", "-q", "-1", "-f", img.toString(), "-o", dir.resolve("rootfs.img.zst").toString()).orThrow();
        byte[] original = Files.readAllBytes(img);
        List<Long> offsets = everySixtyFourKiB(original.length);
        List<LateOpener> started = new ArrayList<>();
        int[] updates = {0};
        ExclusivityLostException e = assertThrows(ExclusivityLostException.class,
                () -> new ImageReset(fs).run(new ResetRequest(img, null, false), (done, total) -> {
                    if (updates[0]++ == 2) {
                        LateOpener o = LateOpener.start(img, offsets);
                        started.add(o);
                        o.awaitBlocked();
                    }
                }));
        assertFalse(e.getMessage().isEmpty());
        started.get(0).awaitWritten();
        assertArrayEquals(withMarkers(original, offsets), Files.readAllBytes(img), "the old image, with the opener's writes");
        try (var s = Files.list(dir)) {
            assertEquals(List.of("rootfs.img", "rootfs.img.zst"), s.map(x -> x.getFileName().toString()).sorted().toList());
        }
    }

    static void awaitLeaseBreak() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                if (Files.readAllLines(Path.of("/proc/locks")).stream().anyMatch(l -> l.contains("LEASE") && l.contains("BREAK"))) {
                    return;
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no lease break seen in /proc/locks");
    }

    /** Rewrites {@code img} with every block allocated, as an image that was never compacted is. */
    void allocateEverything(Path img) {
        Path tmp = img.resolveSibling(img.getFileName() + ".full");
        Tools.run("cp", "--sparse=never", img.toString(), tmp.toString()).orThrow();
        Tools.run("mv", tmp.toString(), img.toString()).orThrow();
    }
}
