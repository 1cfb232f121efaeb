package dev.vmdisk.io.scan;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.io.scan.PatternFile.Kind;
import dev.vmdisk.io.scan.PatternFile.Piece;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scanner over real sparse files on the host file system, through the Linux port. Linux only. */
class ZeroScannerTest {
    static final int BLOCK = 4096;
    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    /** Scans with the given window power and threads; returns the runs as [start, end] pairs. */
    static List<long[]> scan(NativeFs fs, Path path, int power, int threads, ZeroScan[] result) throws IOException {
        return scan(fs, path, power, threads, ScanWindows.Reads.COPIED, result);
    }

    /** The same, with windows read the given way. */
    static List<long[]> scan(NativeFs fs, Path path, int power, int threads, ScanWindows.Reads reads, ZeroScan[] result)
            throws IOException {
        List<long[]> runs = new ArrayList<>();
        try (NativeFile f = fs.open(path, Access.READ_ONLY)) {
            ZeroScanner scanner = new ZeroScanner(f.fsBlockSize(), power, threads);
            long[] lastProgress = {0};
            ZeroScan r = scanner.scanFile(f, reads, new ZeroRunListener() {
                @Override
                public void zeroRun(long offset, long length) {
                    runs.add(new long[] {offset, offset + length});
                }

                @Override
                public void progress(long scannedBytes) {
                    assertTrue(scannedBytes >= lastProgress[0]);
                    lastProgress[0] = scannedBytes;
                }
            });
            if (result != null) {
                result[0] = r;
            }
        }
        return runs;
    }

    private void check(long size, List<Piece> pieces) throws IOException {
        Path p = PatternFile.write(dir.resolve("img"), size, pieces, 42);
        List<long[]> expected = PatternFile.expectedRuns(p, size, pieces, BLOCK);
        for (int power : new int[] {12, 13, 16, 26}) {
            for (int run = 0; run < 4; run++) {
                int threads = 1 + run % 2;
                ScanWindows.Reads reads = run < 2 ? ScanWindows.Reads.MAPPED : ScanWindows.Reads.COPIED;
                ZeroScan[] r = new ZeroScan[1];
                List<long[]> actual = scan(fs, p, power, threads, reads, r);
                String where = "window 2^" + power + ", " + threads + " threads, " + reads;
                assertEquals(expected.size(), actual.size(), where + ": " + render(expected) + " vs " + render(actual));
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), actual.get(i), where + " run " + i);
                }
                assertEquals(expected.stream().mapToLong(x -> x[1] - x[0]).sum(), r[0].zeroBytes(), where);
                assertEquals(expected.size(), r[0].runs(), where);
            }
        }
    }

    private static String render(List<long[]> runs) {
        StringBuilder sb = new StringBuilder();
        runs.forEach(r -> sb.append('[').append(r[0]).append(',').append(r[1]).append(')'));
        return sb.toString();
    }

    @Test
    void randomDataHasNoRuns() throws IOException {
        check(5 * BLOCK + 100, List.of(new Piece(0, 5 * BLOCK + 100, Kind.RANDOM)));
    }

    @Test
    void zeroRunsShorterEqualAndLongerThanABlock() throws IOException {
        List<Piece> pieces = new ArrayList<>();
        pieces.add(new Piece(0, 40 * BLOCK, Kind.RANDOM));
        pieces.add(new Piece(BLOCK + 10, BLOCK - 20, Kind.ZERO));      // shorter than a block: stays
        pieces.add(new Piece(4 * BLOCK, BLOCK, Kind.ZERO));            // exactly one block
        pieces.add(new Piece(8 * BLOCK - 7, 3 * BLOCK + 20, Kind.ZERO)); // longer, unaligned both ends
        pieces.add(new Piece(20 * BLOCK, 10 * BLOCK, Kind.ZERO));     // crosses 2^12..2^16 windows
        check(40 * BLOCK, pieces);
    }

    @Test
    void runsCrossEveryWindowBoundary() throws IOException {
        // Zeros from the middle of one 4 KiB window to the middle of the next, repeatedly, plus a run
        // that covers whole windows; with 2^12 windows every run crosses a boundary.
        List<Piece> pieces = new ArrayList<>();
        pieces.add(new Piece(0, 64 * BLOCK, Kind.RANDOM));
        for (int b = 2; b < 60; b += 6) {
            pieces.add(new Piece((long) b * BLOCK, 3 * BLOCK, Kind.ZERO));
        }
        check(64 * BLOCK, pieces);
    }

    @Test
    void trailingPartialBlockThatIsZeroCounts() throws IOException {
        check(3 * BLOCK + 1000, List.of(new Piece(0, 2 * BLOCK, Kind.RANDOM), new Piece(2 * BLOCK, BLOCK + 1000, Kind.ZERO)));
    }

    @Test
    void trailingPartialBlockWithDataStays() throws IOException {
        check(3 * BLOCK + 1000, List.of(new Piece(0, 3 * BLOCK, Kind.ZERO), new Piece(3 * BLOCK, 1000, Kind.ONE_BYTE)));
    }

    @Test
    void holesAreSkippedAndZeroDataAroundThemFound() throws IOException {
        // Already sparse: holes between data, zero blocks at both edges of each data extent.
        List<Piece> pieces = List.of(
                new Piece(0, 3 * BLOCK, Kind.ZERO),
                new Piece(10 * BLOCK, 4 * BLOCK, Kind.ONE_BYTE),
                new Piece(100 * BLOCK, 2 * BLOCK, Kind.ZERO),
                new Piece(102 * BLOCK, 2 * BLOCK, Kind.RANDOM),
                new Piece(104 * BLOCK, BLOCK, Kind.ZERO));
        check(300 * BLOCK, pieces);
    }

    @Test
    void emptyAndAllHoleFilesHaveNoRuns() throws IOException {
        check(0, List.of());
        check(1 << 20, List.of());
    }

    @Test
    void scannedBytesCountOnlyData() throws IOException {
        Path p = PatternFile.write(dir.resolve("img"), 1000 * BLOCK,
                List.of(new Piece(BLOCK, BLOCK, Kind.RANDOM), new Piece(500 * BLOCK, 2 * BLOCK, Kind.ZERO)), 1);
        ZeroScan[] r = new ZeroScan[1];
        scan(fs, p, 12, 2, r);
        assertEquals(3 * BLOCK, r[0].scannedBytes());
        assertEquals(2 * BLOCK, r[0].zeroBytes());
        assertEquals(1, r[0].runs());
    }
}
