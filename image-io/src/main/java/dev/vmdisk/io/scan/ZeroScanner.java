package dev.vmdisk.io.scan;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.LongList;
import dev.vmdisk.io.nativefs.NativeFile;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Finds the runs of all-zero blocks inside a file's data extents.
 *
 * <p>Holes are skipped with {@code SEEK_DATA}/{@code SEEK_HOLE}; data is read through
 * {@link ScanWindows} (mapped under a write lease, else copied) and compared against a zero buffer with {@link ByteBuffer#mismatch} (vectorized
 * in the JDK). Blocks are {@code blockSize} bytes at offsets that are multiples of it, so every run can be
 * punched as it is; the file's partial last block counts as a block when it is all zero up to the end.
 * Windows are scanned by {@code threads} workers while the calling thread merges their runs in file
 * order and hands them to the listener, so the listener can punch while the next windows are read.
 * The calling thread also asks the kernel to read the data ahead of the workers ({@link ReadAhead}), so
 * the device has reads queued while they compare. Each window is released after its scan and the pages it
 * read are dropped from the page cache ({@link NativeFile#dropCache}), so a scan of a large image does not
 * evict the user's cache; a window that was all cached before the scan ({@link NativeFile#cached}) stays
 * cached, for the same reason. A scan that stops early (an error, a lost lease) drops everything from the
 * last window merged to the end of the read-ahead, cached-before windows in that stretch included.
 * Memory stays bounded: at most {@code threads + 1} windows' runs are held at once.
 *
 * <p>Simplest use, e.g. for a report: {@code ZeroScanner.scan(file, ZeroRunListener.NONE).zeroBytes()}.
 */
public final class ZeroScanner {
    /** Bytes compared per {@code mismatch} call at most: long zero runs cost few calls. */
    private static final int CHUNK = 1 << 20;

    private final int blockSize;
    private final int windowPower;
    private final int threads;
    private final long readAhead;
    private final ByteBuffer zeros;

    /**
     * @param blockSize   the block to find zero runs of, a power of two: the file system's block size
     * @param windowPower windows of {@code 2^windowPower} bytes ({@link ScanWindows#DEFAULT_POWER}; tests use 12)
     * @param threads     workers reading windows; 1 scans on the calling thread
     */
    public ZeroScanner(int blockSize, int windowPower, int threads) {
        this(blockSize, windowPower, threads, ReadAhead.DEFAULT_BYTES);
    }

    /**
     * @param readAhead data bytes to have asked the kernel for ({@code WILLNEED}) ahead of the windows
     *                  handed to the workers ({@link ReadAhead}); 0 asks for each window only as it is handed over
     */
    public ZeroScanner(int blockSize, int windowPower, int threads, long readAhead) {
        if (blockSize <= 0 || Integer.bitCount(blockSize) != 1 || blockSize > (1 << windowPower)) {
            throw new IllegalArgumentException("block size " + blockSize + " is not a power of two up to the window size");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads);
        }
        this.blockSize = blockSize;
        this.windowPower = windowPower;
        this.threads = threads;
        this.readAhead = readAhead;
        this.zeros = ByteBuffer.allocateDirect(Math.max(blockSize, CHUNK)).asReadOnlyBuffer();
    }

    /** A scanner for {@code file}: its file system's block size, 16 MiB windows, up to two workers. */
    public static ZeroScanner forFile(NativeFile file) {
        return new ZeroScanner(file.fsBlockSize(), ScanWindows.DEFAULT_POWER, defaultThreads());
    }

    /** Two workers where there are two cores: one reads while the other compares. */
    public static int defaultThreads() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Scans the whole of {@code file} with the defaults of {@link #forFile}, copying (never mapping) its
     * bytes: for read-only commands, which hold no lease, so the file may shrink under them.
     */
    public static ZeroScan scan(NativeFile file, ZeroRunListener listener) {
        return forFile(file).scanFile(file, ScanWindows.Reads.COPIED, listener);
    }

    public int blockSize() {
        return blockSize;
    }

    /** Scans the whole of {@code file}; see the class comment. */
    public ZeroScan scanFile(NativeFile file, ScanWindows.Reads reads, ZeroRunListener listener) {
        return scanExtents(file, reads, DataExtents.of(file, 0, file.apparentSize()), listener);
    }

    /**
     * Scans only {@code extents} of {@code file}: ranges in increasing order that do not overlap, e.g.
     * its data extents less ranges already dealt with. Each is widened to whole blocks, so ranges left
     * out should start and end on block boundaries.
     *
     * @param reads {@link ScanWindows.Reads#MAPPED} only under a write lease
     */
    public ZeroScan scanExtents(NativeFile file, ScanWindows.Reads reads, Iterable<Extent> extents, ZeroRunListener listener) {
        long size = file.apparentSize();
        ScanWindows windows = new ScanWindows(file, reads, size, windowPower);
        Merger merger = new Merger(listener);
        // A file of one window has nothing to share out: starting workers would cost more than its scan
        // (a bundle of thousands of small images).
        ExecutorService pool = threads > 1 && size > windows.windowSize() ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vmdisk-scan");
            t.setDaemon(true);
            return t;
        }) : null;
        ArrayDeque<Future<WindowRuns>> inFlight = new ArrayDeque<>();
        ReadAhead ahead = new ReadAhead(file, pool == null ? 0 : readAhead);
        try {
            WindowBatcher batcher = new WindowBatcher(windows, blockSize);
            for (Extent extent : extents) {
                for (WindowTask task : batcher.add(extent)) {
                    for (WindowTask ready = ahead.add(task); ready != null; ready = ahead.next()) {
                        submit(ready, file, windows, pool, inFlight, merger);
                    }
                }
            }
            WindowTask last = batcher.finish();
            if (last != null) {
                for (WindowTask ready = ahead.add(last); ready != null; ready = ahead.next()) {
                    submit(ready, file, windows, pool, inFlight, merger);
                }
            }
            for (WindowTask ready = ahead.drain(); ready != null; ready = ahead.drain()) {
                submit(ready, file, windows, pool, inFlight, merger);
            }
            while (!inFlight.isEmpty()) {
                merger.accept(await(inFlight.removeFirst()));
            }
            if (file.apparentSize() < size) {
                // The extents are found as the scan goes, so a shrink can end it early instead of failing a read.
                throw new BadInputException(file.path() + ": the file is " + file.apparentSize() + " bytes now but was "
                        + size + " when vmdisk started reading it: it shrank while vmdisk read it; is something else using it?");
            }
            return merger.finish();
        } finally {
            if (pool != null) {
                inFlight.forEach(f -> f.cancel(false));
                pool.shutdown();
                awaitQuietly(pool); // no worker may still hold a mapping when the caller closes the file
            }
            if (ahead.advisedTo() > merger.mergedTo()) {
                // Stopped early: drop what was asked for and not scanned (windows go in file order); a rare
                // path, so windows cached before the scan that lie in this stretch are dropped too.
                file.dropCache(merger.mergedTo(), ahead.advisedTo() - merger.mergedTo());
            }
        }
    }

    private void submit(WindowTask task, NativeFile file, ScanWindows windows, ExecutorService pool,
                        ArrayDeque<Future<WindowRuns>> inFlight, Merger merger) {
        if (pool == null) {
            merger.accept(scanWindow(task, file, windows));
            return;
        }
        while (inFlight.size() > threads) {
            merger.accept(await(inFlight.removeFirst()));
        }
        inFlight.addLast(pool.submit(() -> scanWindow(task, file, windows)));
    }

    private static WindowRuns await(Future<WindowRuns> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens one window, finds its zero runs, releases it and drops the pages it read from the cache. */
    WindowRuns scanWindow(WindowTask task, NativeFile file, ScanWindows windows) {
        LongList runs = new LongList(); // coalesced zero runs, start0, end0, ...
        long scanned = 0;
        try (ScanWindows.Window w = windows.open(task.index(), task.segments())) {
            ByteBuffer b = w.buffer();
            ByteBuffer z = zeros.duplicate();
            for (Extent seg : task.segments()) {
                scanSegment(b, z, seg.offset() - w.start(), seg.end() - w.start(), w.start(), runs);
                scanned += seg.length();
            }
        } catch (InternalError e) {
            // The JVM reports SIGBUS on a mapped page as InternalError: the file shrank under us.
            throw new BadInputException(file.path() + ": the file changed size while it was read; is something else using it?", e);
        }
        long start = windows.start(task.index());
        long end = windows.end(task.index());
        if (!task.cachedBefore()) {
            file.dropCache(start, end - start);
        }
        return new WindowRuns(scanned, runs.toArray(), end);
    }

    /** Finds zero blocks in {@code [from, to)} of the window (block-aligned; {@code to} may be the file's end). */
    private void scanSegment(ByteBuffer b, ByteBuffer z, long from, long to, long base, LongList runs) {
        int p = (int) from;
        int end = (int) to;
        while (p < end) {
            int len = Math.min(end - p, z.capacity());
            b.limit(p + len);
            b.position(p);
            z.limit(len);
            z.position(0);
            int m = b.mismatch(z);
            if (m < 0) {
                runs.addRange(base + p, base + p + len);
                p += len;
            } else {
                int zeroBlocks = m & -blockSize; // whole blocks before the first non-zero byte
                if (zeroBlocks > 0) {
                    runs.addRange(base + p, base + p + zeroBlocks);
                }
                p += zeroBlocks + blockSize; // skip the block holding the non-zero byte
            }
        }
    }

    /**
     * One window's work: its index and the block-aligned pieces of data extents inside it.
     *
     * @param cachedBefore every page of the segments was in the page cache before the scan asked for any
     *                     ({@link ReadAhead}): the worker leaves them there
     */
    record WindowTask(long index, List<Extent> segments, boolean cachedBefore) {
        WindowTask(long index, List<Extent> segments) {
            this(index, segments, false);
        }

        WindowTask withCachedBefore(boolean cached) {
            return new WindowTask(index, segments, cached);
        }

        /** Bytes the window's segments hold: what reading it costs. */
        long bytes() {
            long sum = 0;
            for (Extent e : segments) {
                sum += e.length();
            }
            return sum;
        }
    }

    /** One window's result: bytes read, zero runs as {@code [start0, end0, start1, end1, …]}, coalesced, and the window's end. */
    record WindowRuns(long scanned, long[] runs, long end) {
    }

    /**
     * Turns data extents into per-window tasks: each extent widened to whole blocks (a hole's bytes read
     * as zero, and the widening never overlaps what was already scanned), cut at window boundaries.
     */
    static final class WindowBatcher {
        private final ScanWindows windows;
        private final long block;
        private long scannedTo;
        private long index = -1;
        private List<Extent> segments = new ArrayList<>();

        WindowBatcher(ScanWindows windows, int blockSize) {
            this.windows = windows;
            this.block = blockSize;
        }

        /** Adds an extent; returns the tasks of windows it completed. */
        List<WindowTask> add(Extent e) {
            long from = Math.max(e.offset() & -block, scannedTo);
            long to = Math.min((e.end() + block - 1) & -block, windows.size());
            List<WindowTask> done = new ArrayList<>(1);
            while (from < to) {
                long i = windows.indexOf(from);
                if (i != index) {
                    WindowTask t = finish();
                    if (t != null) {
                        done.add(t);
                    }
                    index = i;
                }
                long cut = Math.min(to, windows.end(i));
                segments.add(new Extent(from, cut - from));
                from = cut;
            }
            scannedTo = Math.max(scannedTo, to);
            return done;
        }

        /** The pending window's task, or null. */
        WindowTask finish() {
            if (segments.isEmpty()) {
                return null;
            }
            WindowTask t = new WindowTask(index, segments);
            segments = new ArrayList<>();
            return t;
        }
    }

    /** Joins windows' runs across boundaries, in file order, and hands finished runs to the listener. */
    private static final class Merger {
        private final ZeroRunListener listener;
        private long openStart = -1;
        private long openEnd = -1;
        private long scanned;
        private long zeroBytes;
        private long runs;
        private long mergedTo;

        Merger(ZeroRunListener listener) {
            this.listener = listener;
        }

        void accept(WindowRuns w) {
            long[] r = w.runs();
            for (int i = 0; i < r.length; i += 2) {
                if (r[i] == openEnd) {
                    openEnd = r[i + 1];
                } else {
                    flush();
                    openStart = r[i];
                    openEnd = r[i + 1];
                }
            }
            scanned += w.scanned();
            mergedTo = w.end();
            listener.progress(scanned);
        }

        /** The end of the last window merged: everything before it was scanned and dropped from the cache. */
        long mergedTo() {
            return mergedTo;
        }

        private void flush() {
            if (openStart >= 0) {
                long length = openEnd - openStart;
                zeroBytes += length;
                runs++;
                listener.zeroRun(openStart, length);
                openStart = -1;
                openEnd = -1;
            }
        }

        ZeroScan finish() {
            flush();
            return new ZeroScan(scanned, zeroBytes, runs);
        }
    }
}
