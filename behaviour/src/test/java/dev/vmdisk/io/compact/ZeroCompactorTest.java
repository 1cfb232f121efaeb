package dev.vmdisk.io.compact;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.PatternFileAccess;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.io.port.SparseCopy;
import org.junit.jupiter.api.condition.OS;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compaction of real sparse files through the host's port: content by SHA-256; on Linux also space against
 * {@code fallocate --dig-holes} (util-linux, Linux only: elsewhere that comparison is skipped and says so).
 */
class ZeroCompactorTest {
    static final int BLOCK = 4096;
    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void needsHolders() throws IOException {
    }

    static long allocated(NativeFs fs, Path p) {
        try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
            return f.allocatedBytes();
        }
    }

    /**
     * Compacts {@code p} (with tiny windows and both worker counts on copies) and checks: content
     * unchanged, the report's allocated sizes are the file system's, and no more is left allocated
     * than {@code fallocate --dig-holes} leaves on an identical copy.
     */
    void compactAndCheck(Path p) throws IOException {
        long size = Files.size(p);
        // SHA-256 where that is quick; multi-GiB sparse files are compared where either has data.
        String sha = size < (64 << 20) ? sha256(p) : null;
        Path dig = digHoles(p);
        for (int threads = 1; threads <= 2; threads++) {
            Path copy = dir.resolve("copy" + threads);
            SparseCopy.copy(fs, p, copy);
            CompactResult r = new ZeroCompactor(fs, 12, threads).compact(copy, false, ScanProgress.NONE);
            if (sha != null) {
                assertEquals(sha, sha256(copy), "content changed, " + threads + " threads");
            }
            SameContent.assertSame(fs, p, copy);
            assertEquals(size, Files.size(copy));
            assertEquals(allocated(fs, copy), r.allocatedAfter());
            if (dig != null) {
                assertTrue(r.allocatedAfter() <= allocated(fs, dig),
                        "vmdisk left " + r.allocatedAfter() + " allocated, fallocate --dig-holes " + allocated(fs, dig));
            }
            assertTrue(r.allocatedBefore() - r.allocatedAfter() >= r.punchedBytes() - BLOCK,
                    "punched " + r.punchedBytes() + " but freed " + (r.allocatedBefore() - r.allocatedAfter()));
            // A second run finds nothing more.
            CompactResult again = new ZeroCompactor(fs, 12, threads).compact(copy, false, ScanProgress.NONE);
            assertEquals(0, again.punchedBytes());
            assertEquals(r.allocatedAfter(), again.allocatedAfter());
        }
    }

    /**
     * A copy of {@code p} with its zero blocks dug out by {@code fallocate --dig-holes}, the yardstick; null
     * where fallocate(1) does not exist (it is util-linux, Linux only), and the comparison is then skipped.
     */
    Path digHoles(Path p) {
        if (!OS.LINUX.isCurrentOs()) {
            System.err.println("ZeroCompactorTest: fallocate --dig-holes is Linux only; not compared on " + OS.current());
            return null;
        }
        Path dig = dir.resolve("dig");
        Tools.run("cp", "--sparse=always", p.toString(), dig.toString()).orThrow();
        Tools.run("sync", dig.toString()).orThrow(); // settle delayed allocation (ext4 adds extent-tree blocks)
        Tools.run("fallocate", "--dig-holes", dig.toString()).orThrow();
        Tools.run("sync", dig.toString()).orThrow();
        return dig;
    }

    @Test
    void mixedPatternsKeepTheirContentAndFreeAsMuchAsFallocate() throws IOException {
        compactAndCheck(PatternFileAccess.mixed(dir.resolve("img"), 7, 512 * BLOCK + 777));
    }

    @Test
    void trailingPartialZeroBlockIsFreed() throws IOException {
        Path p = dir.resolve("img");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            byte[] data = new byte[2 * BLOCK];
            new Random(3).nextBytes(data);
            f.write(data);
            f.write(new byte[BLOCK + 1000]); // zeros, ending in a partial block
        }
        compactAndCheck(p);
        Path copy = dir.resolve("copy2");
        assertEquals(2 * BLOCK, allocated(fs, copy));
    }

    @Test
    void filesAbove2And4GiBWithDataAcrossTheBoundaries() throws IOException {
        Path p = dir.resolve("big");
        Random random = new Random(5);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            for (long boundary : new long[] {1L << 31, 1L << 32}) {
                byte[] data = new byte[64 * BLOCK];
                random.nextBytes(data);
                java.util.Arrays.fill(data, 10 * BLOCK, 54 * BLOCK, (byte) 0); // zeros across the boundary
                f.seek(boundary - 32 * BLOCK);
                f.write(data);
            }
            f.setLength((1L << 32) + 100 * BLOCK + 123);
        }
        compactAndCheck(p);
        assertEquals(2 * 20 * BLOCK, allocated(fs, dir.resolve("copy2")));
    }

    @Test
    void dryRunChangesNothing() throws IOException {
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 11, 200 * BLOCK);
        String sha = sha256(p);
        long before = allocated(fs, p);
        long mtime = Files.getLastModifiedTime(p).toMillis();
        CompactResult r = new ZeroCompactor(fs, 12, 2).compact(p, true, ScanProgress.NONE);
        assertTrue(r.dryRun());
        assertTrue(r.zeroBytes() > 0);
        assertEquals(0, r.punchedBytes());
        assertEquals(before, r.allocatedBefore());
        assertEquals(before, r.allocatedAfter());
        assertEquals(before, allocated(fs, p));
        assertEquals(sha, sha256(p));
        assertEquals(mtime, Files.getLastModifiedTime(p).toMillis());
        // What the dry run promised is what a real run frees.
        CompactResult real = new ZeroCompactor(fs, 12, 2).compact(p, false, ScanProgress.NONE);
        assertEquals(r.zeroBytes(), real.punchedBytes());
    }

    @Test
    void readOnlyFileIsRefusedAndLeftAlone() throws IOException {
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 13, 64 * BLOCK);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        long before = allocated(fs, p);
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> new ZeroCompactor(fs, 12, 2).compact(p, false, ScanProgress.NONE));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals(before, allocated(fs, p));
    }

    @Test
    void withAThresholdItScansOncePunchesOnlyWhenReachedAndKeepsTheBytes() throws IOException {
        Path p = dir.resolve("gate.img");
        byte[] random = new byte[64 * BLOCK];
        new Random(3).nextBytes(random);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(random);
            f.write(new byte[32 * BLOCK]); // the reclaimable part: written zeros
            f.write(random);
            f.getFD().sync();
        }
        String sha = sha256(p);
        long allocated = allocated(fs, p);
        long zeros = 32L * BLOCK;

        CountingProgress below = new CountingProgress();
        CompactResult r = new ZeroCompactor(fs, 12, 2).compactIfReclaimable(p, zeros + 1, below);
        assertEquals(1, below.scans);
        assertTrue(r.dryRun());
        assertEquals(zeros, r.zeroBytes());
        assertEquals(0, r.punchedBytes());
        assertEquals(allocated, allocated(fs, p));
        assertEquals(sha, sha256(p));

        CountingProgress at = new CountingProgress();
        r = new ZeroCompactor(fs, 12, 2).compactIfReclaimable(p, zeros, at);
        assertEquals(1, at.scans);
        assertEquals(zeros, r.punchedBytes());
        assertEquals(allocated - zeros, allocated(fs, p));
        assertEquals(sha, sha256(p));
    }
}
