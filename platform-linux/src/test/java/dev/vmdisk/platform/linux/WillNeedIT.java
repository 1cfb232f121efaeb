package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code willNeed} reads the whole range it is given, however large: the kernel reads at most
 * {@link ReadAheadLimit} bytes per {@code posix_fadvise(WILLNEED)} call and drops the rest without a
 * word, so the port calls it piece by piece. Judged by util-linux {@code fincore} (what the page cache
 * holds of the file), on a real file of four times the device's limit, dropped from the cache first.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux page cache and sysfs")
class WillNeedIT {
    private final LinuxNativeFs fs = new LinuxNativeFs(LinuxLibc.INSTANCE);

    @TempDir
    Path dir;

    @Test
    void aRangeOfManyReadAheadLimitsIsCachedWhole() throws Exception {
        Path p = dir.resolve("data.img");
        long size;
        try (NativeFile probe = open(p)) {
            Statx st = Statx.of(LinuxLibc.INSTANCE, p, ((LinuxNativeFile) probe).fd());
            size = Math.min(4 * ReadAheadLimit.of(st.devMajor(), st.devMinor()), 256L << 20);
        }
        writeSynced(p, size, 5);
        try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
            f.dropCache(0, size);
            assumeTrue(cached(p) == 0, "the file system keeps the file cached whatever (tmpfs?): nothing to judge");
            f.willNeed(0, size);
            long cached = 0;
            for (int i = 0; i < 100 && cached < size; i++) { // the reads finish in the background
                Thread.sleep(50);
                cached = cached(p);
            }
            assertEquals(size, cached, "bytes of the file in the page cache after willNeed of all " + size);
            f.dropCache(0, size);
        }
    }

    /**
     * {@code cached} says yes exactly when the whole range is in the page cache, and asking reads nothing
     * in: a dropped file stays dropped, a file read whole is cached, and a range with one page dropped in
     * its middle is not.
     */
    @Test
    void cachedIsWhatThePageCacheHoldsAndAskingReadsNothing() throws Exception {
        Path p = dir.resolve("cached.img");
        long size = 8L << 20;
        writeSynced(p, size, 6);
        try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
            f.dropCache(0, size);
            assumeTrue(cached(p) == 0, "the file system keeps the file cached whatever (tmpfs?): nothing to judge");
            assertFalse(f.cached(0, size), "dropped");
            assertFalse(f.cached(4096, 1), "one byte of a dropped page");
            assertEquals(0, cached(p), "asking brought nothing into the cache");
            Files.readAllBytes(p);
            assertEquals(size, cached(p));
            assertTrue(f.cached(0, size), "read whole");
            assertTrue(f.cached(12345, 1 << 20), "a range that starts inside a page");
            f.dropCache(3L << 20, 4096);
            assertFalse(f.cached(0, size), "one page in the middle dropped");
            assertTrue(f.cached(0, 3L << 20), "the part before it");
            assertTrue(f.cached((3L << 20) + 4096, 1 << 20), "the part after it");
            f.dropCache(0, size);
        }
    }

    @Test
    void limitIsTheLargerOfReadAheadAndRequestSizeAndAPartitionUsesItsDisk() throws IOException {
        Path disk = dir.resolve("sys/block/vdz");
        Files.createDirectories(disk.resolve("queue"));
        Files.writeString(disk.resolve("queue/read_ahead_kb"), "8192\n");
        Files.writeString(disk.resolve("queue/max_sectors_kb"), "1280\n");
        assertEquals(8192L << 10, ReadAheadLimit.read(disk));
        Path part = disk.resolve("vdz1");
        Files.createDirectories(part);
        Files.writeString(part.resolve("partition"), "1\n");
        assertEquals(8192L << 10, ReadAheadLimit.read(part));
        Files.writeString(disk.resolve("queue/read_ahead_kb"), "0\n");
        assertEquals(1280L << 10, ReadAheadLimit.read(disk), "read-ahead off: the request size still applies");
        assertEquals(ReadAheadLimit.DEFAULT, ReadAheadLimit.read(dir.resolve("sys/block/none")));
    }

    @Test
    void theRealDeviceOfATemporaryFileHasALimit() throws IOException {
        Path p = dir.resolve("x");
        Files.writeString(p, "x");
        try (NativeFile f = open(p)) {
            Statx st = Statx.of(LinuxLibc.INSTANCE, p, ((LinuxNativeFile) f).fd());
            long limit = ReadAheadLimit.of(st.devMajor(), st.devMinor());
            assertTrue(limit >= ReadAheadLimit.DEFAULT && limit % 4096 == 0, "limit " + limit);
        }
    }

    private NativeFile open(Path p) throws IOException {
        if (!Files.exists(p)) {
            Files.createFile(p);
        }
        return fs.open(p, Access.READ_ONLY);
    }

    /** Writes {@code size} bytes (whole MiB) of random data to {@code p} and syncs them, so dropping them from the cache works. */
    private static void writeSynced(Path p, long size, long seed) throws IOException {
        byte[] chunk = new byte[1 << 20];
        new Random(seed).nextBytes(chunk);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            for (long at = 0; at < size; at += chunk.length) {
                f.write(chunk);
            }
            f.getFD().sync();
        }
    }

    /** Bytes of {@code p} in the page cache, as {@code fincore -b -n -o RES} reports them. */
    private static long cached(Path p) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder("fincore", "-b", "-n", "-o", "RES", p.toString()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, pr.waitFor(), "fincore: " + out);
        return Long.parseLong(out);
    }
}
