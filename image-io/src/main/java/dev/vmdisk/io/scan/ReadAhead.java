package dev.vmdisk.io.scan;

import dev.vmdisk.io.nativefs.NativeFile;

import java.util.ArrayDeque;

/**
 * Keeps reads in flight ahead of the scan's workers: each window's segments are asked for
 * ({@link NativeFile#willNeed}) when the window is listed, and the window is handed to a worker only
 * once {@code limit} more data bytes have been asked for behind it. The device then always has that much
 * to read while the workers compare, instead of one page fault (or one {@code pread}) per worker at a
 * time (bench/RESULTS.md, zero scan). Memory stays bounded: the windows waiting here are lists of
 * extents, and the page cache holds at most {@code limit} bytes read ahead plus the windows in flight,
 * whose pages the workers drop when done (unless they were all cached before: nothing to read ahead then).
 *
 * <p>One call per segment, even for thousands of small ones: joining them across gaps reads (or, over
 * holes, zero-fills) the gaps too, which measured slower on a trimmed image (bench/RESULTS.md, trim).
 */
final class ReadAhead {
    /** 64 MiB: see bench/RESULTS.md, zero scan, for the depths measured. */
    static final long DEFAULT_BYTES = 64L << 20;

    private final NativeFile file;
    private final long limit;
    private final ArrayDeque<ZeroScanner.WindowTask> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private long advisedTo;

    ReadAhead(NativeFile file, long limit) {
        this.file = file;
        this.limit = limit;
    }

    /**
     * Asks for {@code task}'s segments; returns the first window now far enough behind, or null. Whether
     * the window was all in the page cache is asked first, before this read-ahead brings any of it in:
     * the worker leaves such a window cached ({@link ZeroScanner.WindowTask#cachedBefore}).
     */
    ZeroScanner.WindowTask add(ZeroScanner.WindowTask task) {
        boolean cached = true;
        for (Extent seg : task.segments()) {
            cached = cached && file.cached(seg.offset(), seg.length());
        }
        task = task.withCachedBefore(cached);
        for (Extent seg : task.segments()) {
            if (!cached) {
                file.willNeed(seg.offset(), seg.length());
            }
            advisedTo = seg.end();
        }
        waiting.addLast(task);
        waitingBytes += task.bytes();
        return next();
    }

    /** The end of the last range asked for. */
    long advisedTo() {
        return advisedTo;
    }

    /** The next window far enough behind the read-ahead, or null. */
    ZeroScanner.WindowTask next() {
        return waitingBytes > limit ? drain() : null;
    }

    /** The oldest waiting window whatever the read-ahead (at the end of the file), or null. */
    ZeroScanner.WindowTask drain() {
        ZeroScanner.WindowTask t = waiting.pollFirst();
        if (t != null) {
            waitingBytes -= t.bytes();
        }
        return t;
    }
}
