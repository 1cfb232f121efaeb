package dev.vmdisk.io.scan;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.nativefs.MappedRegion;
import dev.vmdisk.io.nativefs.NativeFile;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A file seen as power-of-two windows (Lucene {@code MMapDirectory} style): window {@code i} covers
 * {@code [i << power, (i + 1) << power)}, the last one cut at the file's size. Offsets map to a window
 * by shift and to a position inside it by mask. The window size is a constructor argument so tests can
 * use tiny windows (2^12) and cross every boundary.
 *
 * <p>A window's bytes come one of two ways ({@link Reads}): mapped, when vmdisk holds a write lease and so
 * nothing can shrink the file while a page is touched (a touched page past the end of a shrunk file kills
 * the JVM with SIGBUS, it does not throw); or copied with {@code pread} into a reused direct buffer
 * otherwise (a read-only command beside a running VM, a platform without leases), where a shrink is a
 * short read and a one-line error.
 */
public final class ScanWindows {
    /**
     * 16 MiB: few map calls, little address space with a few windows in flight, and read-ahead and
     * cache dropping in steps small enough to overlap. 2^22..2^26 measured alike on the bench image.
     */
    public static final int DEFAULT_POWER = 24;
    public static final int MIN_POWER = 12;
    /** Buffer positions are ints. */
    public static final int MAX_POWER = 30;

    /** How a window's bytes are read. */
    public enum Reads {
        /** Mapped through the file's descriptor: only under a write lease. */
        MAPPED,
        /** Copied with {@code pread}: safe whatever other processes do to the file. */
        COPIED
    }

    private final NativeFile file;
    private final Reads reads;
    private final long size;
    private final int power;
    private final long mask;
    /** Copy buffers of finished windows, reused: allocating and zeroing 16 MiB per window would cost more than the copy. */
    private final ConcurrentLinkedQueue<ByteBuffer> spare = new ConcurrentLinkedQueue<>();

    public ScanWindows(NativeFile file, Reads reads, long size, int power) {
        if (power < MIN_POWER || power > MAX_POWER) {
            throw new IllegalArgumentException("window power " + power + " outside " + MIN_POWER + ".." + MAX_POWER);
        }
        this.file = file;
        this.reads = reads;
        this.size = size;
        this.power = power;
        this.mask = (1L << power) - 1;
    }

    public int power() {
        return power;
    }

    public long windowSize() {
        return 1L << power;
    }

    public long size() {
        return size;
    }

    /** The window holding byte {@code offset}. */
    public long indexOf(long offset) {
        return offset >>> power;
    }

    /** The position of byte {@code offset} inside its window. */
    public int positionOf(long offset) {
        return (int) (offset & mask);
    }

    /** The first byte of window {@code index}. */
    public long start(long index) {
        return index << power;
    }

    /** The end (exclusive) of window {@code index}: its successor's start, or the file's size. */
    public long end(long index) {
        return Math.min((index + 1) << power, size);
    }

    /**
     * Window {@code index}, of which only {@code segments} (file ranges inside it, in order) will be looked
     * at: a copied window reads just those, never the holes between them. The caller owns the window and
     * closes it.
     *
     * @throws BadInputException when the file ends before a segment does: it shrank while vmdisk read it
     */
    public Window open(long index, List<Extent> segments) {
        long start = start(index);
        long length = end(index) - start;
        if (length <= 0) {
            throw new IllegalArgumentException("window " + index + " lies beyond the end (" + size + ")");
        }
        if (reads == Reads.MAPPED) {
            MappedRegion region = file.mapReadOnly(start, length);
            return new Window(start, region.buffer(), region::close);
        }
        ByteBuffer buffer = spare.poll();
        if (buffer == null || buffer.capacity() < length) {
            // No bigger than the file needs: a bundle of thousands of small images is scanned image by image,
            // and allocating (zeroing) a whole window for each cost seconds.
            buffer = ByteBuffer.allocateDirect((int) length);
        }
        ByteBuffer b = buffer;
        try {
            for (Extent seg : segments) {
                if (seg.offset() < start || seg.end() > start + length) {
                    throw new IllegalArgumentException("segment " + seg + " outside window " + index);
                }
                b.clear().position((int) (seg.offset() - start)).limit((int) (seg.end() - start));
                while (b.hasRemaining()) {
                    if (file.read(b, start + b.position()) < 0) {
                        throw new BadInputException(file.path() + ": the file ends at byte " + (start + b.position())
                                + " though it was " + size + " bytes when vmdisk started reading it: it shrank while"
                                + " vmdisk read it; is something else using it?");
                    }
                }
            }
        } catch (RuntimeException e) {
            spare.add(b);
            throw e;
        }
        b.clear();
        return new Window(start, b, () -> spare.add(b));
    }

    /** One window; {@link #close()} releases it, after which its buffer must not be touched. */
    public static final class Window implements AutoCloseable {
        private final long start;
        private final Runnable release;
        private ByteBuffer buffer;

        Window(long start, ByteBuffer buffer, Runnable release) {
            this.start = start;
            this.buffer = buffer;
            this.release = release;
        }

        /** The file offset of the buffer's position 0. */
        public long start() {
            return start;
        }

        public ByteBuffer buffer() {
            if (buffer == null) {
                throw new IllegalStateException("window at " + start + " is released");
            }
            return buffer;
        }

        @Override
        public void close() {
            if (buffer != null) {
                buffer = null;
                release.run();
            }
        }
    }
}
