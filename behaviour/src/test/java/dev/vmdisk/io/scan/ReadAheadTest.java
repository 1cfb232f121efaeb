package dev.vmdisk.io.scan;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ForwardingNativeFile;
import dev.vmdisk.io.nativefs.MappedRegion;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.port.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan asks the kernel for its data ahead of the workers ({@link ReadAhead}): every byte a window
 * reads was asked for before the window was opened, the asking runs ahead by about the read-ahead limit
 * (not one window at a time, which left the device one page fault per worker to do), never much more,
 * and the runs found are those of a scan without read-ahead. On the real port, over a real sparse file.
 */
class ReadAheadTest {
    private static final int BLOCK = 4096;
    private static final int POWER = 16; // 64 KiB windows
    private static final long WINDOW = 1L << POWER;

    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    /** Records the calls the scan makes, in order: advised ranges, and the offset of each window read. */
    private static final class Recording extends ForwardingNativeFile {
        final List<long[]> advised = new ArrayList<>(); // guarded by this
        long advisedBytes; // guarded by this
        /** For each window mapped or segment copied: the bytes advised by then, and where it ends. */
        final List<long[]> opened = new ArrayList<>(); // guarded by this
        /** What {@link #cached} answers: a test file was just written, so the real answer would be yes. */
        private final boolean cached;

        Recording(NativeFile real) {
            this(real, false);
        }

        Recording(NativeFile real, boolean cached) {
            super(real);
            this.cached = cached;
        }

        @Override
        public boolean cached(long offset, long length) {
            return cached;
        }

        @Override
        public synchronized void willNeed(long offset, long length) {
            advised.add(new long[] {offset, offset + length});
            advisedBytes += length;
            super.willNeed(offset, length);
        }

        final List<long[]> dropped = new ArrayList<>(); // guarded by this

        @Override
        public synchronized void dropCache(long offset, long length) {
            dropped.add(new long[] {offset, offset + length});
            super.dropCache(offset, length);
        }

        @Override
        public MappedRegion mapReadOnly(long offset, long length) {
            synchronized (this) {
                checkAdvised(offset, offset + length);
                opened.add(new long[] {advisedBytes, offset + length});
            }
            return super.mapReadOnly(offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            synchronized (this) {
                checkAdvised(position, position + dst.remaining());
                opened.add(new long[] {advisedBytes, position + dst.remaining()});
            }
            return super.read(dst, position);
        }

        /** Every data byte of [from, to) lies in a range advised before (cached ranges are not asked for). */
        private void checkAdvised(long from, long to) {
            if (cached) {
                return;
            }
            for (long at = nextData(from); at >= 0 && at < to; at = nextData(at)) {
                long end = Math.min(to, nextHole(at));
                long covered = at;
                for (long[] a : advised) {
                    if (a[0] <= covered && a[1] > covered) {
                        covered = Math.max(covered, Math.min(end, a[1]));
                    }
                }
                assertTrue(covered >= end, "bytes " + at + ".." + end + " read before they were asked for");
                at = end;
            }
        }
    }

    @Test
    void everyWindowIsAskedForAheadAndNoFurtherThanTheLimit() throws IOException {
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 7, 64 * WINDOW);
        long limit = 8 * WINDOW;
        for (ScanWindows.Reads reads : ScanWindows.Reads.values()) {
            List<long[]> expected = runs(p, reads, 0, null);
            Recording[] rec = new Recording[1];
            List<long[]> actual = runs(p, reads, limit, rec);
            assertEquals(render(expected), render(actual), reads + ": the same runs with read-ahead as without");
            long total;
            synchronized (rec[0]) {
                total = rec[0].advisedBytes;
                // Before the first window is read, the read-ahead already reaches past the limit.
                assertTrue(rec[0].opened.get(0)[0] > limit, reads + ": first window read after only "
                        + rec[0].opened.get(0)[0] + " bytes were asked for");
                for (long[] o : rec[0].opened) {
                    // What was asked for beyond this window's end: the limit, the windows queued or in
                    // flight for the two workers, and the one just listed; never the whole file.
                    long ahead = o[0] - dataBefore(p, o[1]);
                    assertTrue(ahead <= limit + 4 * WINDOW, reads + ": " + ahead + " bytes asked for ahead of " + o[1]);
                }
            }
            assertEquals(dataBefore(p, 64 * WINDOW), total, reads + ": each data byte asked for once");
        }
    }

    @Test
    void aScanStoppedEarlyDropsWhatItAskedForAndDidNotRead() throws IOException {
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 11, 64 * WINDOW);
        for (ScanWindows.Reads reads : ScanWindows.Reads.values()) {
            try (NativeFile real = fs.open(p, Access.READ_ONLY)) {
                Recording rec = new Recording(real);
                int[] windowsMerged = {0};
                IllegalStateException stop = new IllegalStateException("stop");
                IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                        () -> new ZeroScanner(BLOCK, POWER, 2, 8 * WINDOW).scanFile(rec, reads, new ZeroRunListener() {
                            @Override
                            public void zeroRun(long offset, long length) {
                            }

                            @Override
                            public void progress(long scannedBytes) {
                                if (++windowsMerged[0] == 3) {
                                    throw stop; // as a lost lease stops a compaction
                                }
                            }
                        }));
                assertEquals(stop, e);
                synchronized (rec) {
                    assertTrue(rec.advisedBytes > 3 * WINDOW, reads + ": read-ahead ran ahead of the stop");
                    for (long[] a : rec.advised) {
                        boolean covered = rec.dropped.stream().anyMatch(d -> d[0] <= a[0] && d[1] >= a[1]);
                        assertTrue(covered, reads + ": " + a[0] + ".." + a[1] + " was asked for and never dropped");
                    }
                }
            }
        }
    }

    /**
     * Windows that were all in the page cache before the scan are neither asked for nor dropped: the
     * scan leaves someone else's cache as it found it, and finds the same runs.
     */
    @Test
    void windowsAlreadyCachedAreNeitherAskedForNorDropped() throws IOException {
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 13, 64 * WINDOW);
        for (ScanWindows.Reads reads : ScanWindows.Reads.values()) {
            List<long[]> expected = runs(p, reads, 0, null);
            List<long[]> actual = new ArrayList<>();
            try (NativeFile real = fs.open(p, Access.READ_ONLY)) {
                Recording rec = new Recording(real, true);
                new ZeroScanner(BLOCK, POWER, 2, 8 * WINDOW).scanFile(rec, reads,
                        (offset, length) -> actual.add(new long[] {offset, offset + length}));
                synchronized (rec) {
                    assertEquals(0, rec.advisedBytes, reads + ": asked for cached windows");
                    assertEquals(List.of(), rec.dropped, reads + ": dropped cached windows");
                }
            }
            assertEquals(render(expected), render(actual), reads + ": the same runs");
        }
    }

    /** Data bytes (as the scan widens them to whole blocks) before {@code end}. */
    private long dataBefore(Path p, long end) throws IOException {
        long sum = 0;
        long scannedTo = 0;
        try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
            for (Extent e : DataExtents.of(f, 0, end)) {
                long from = Math.max(e.offset() & -BLOCK, scannedTo);
                long to = Math.min((e.end() + BLOCK - 1) & -BLOCK, Math.min(end, f.apparentSize()));
                if (to > from) {
                    sum += to - from;
                    scannedTo = to;
                }
            }
        }
        return sum;
    }

    private List<long[]> runs(Path p, ScanWindows.Reads reads, long readAhead, Recording[] recorded) {
        List<long[]> runs = new ArrayList<>();
        try (NativeFile real = fs.open(p, Access.READ_ONLY)) {
            NativeFile f = real;
            if (recorded != null) {
                recorded[0] = new Recording(real);
                f = recorded[0];
            }
            new ZeroScanner(BLOCK, POWER, 2, readAhead).scanFile(f, reads,
                    (offset, length) -> runs.add(new long[] {offset, offset + length}));
        }
        return runs;
    }

    private static String render(List<long[]> runs) {
        StringBuilder sb = new StringBuilder();
        runs.forEach(r -> sb.append('[').append(r[0]).append(',').append(r[1]).append(')'));
        return sb.toString();
    }
}
