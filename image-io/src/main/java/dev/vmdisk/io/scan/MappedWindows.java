package dev.vmdisk.io.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file seen as power-of-two windows (Lucene {@code MMapDirectory} style): window {@code i} covers
 * {@code [i << power, (i + 1) << power)}, the last one cut at the file's size. Offsets map to a window
 * by shift and to a position inside it by mask. The window size is a constructor argument so tests can
 * use tiny windows (2^12) and cross every boundary.
 */
public final class MappedWindows {
    /**
     * 16 MiB: few map calls, little address space with a few windows in flight, and read-ahead and
     * cache dropping in steps small enough to overlap. 2^22..2^26 measured alike on the bench image.
     */
    public static final int DEFAULT_POWER = 24;
    public static final int MIN_POWER = 12;
    /** {@link MappedByteBuffer} positions are ints. */
    public static final int MAX_POWER = 30;

    private final FileChannel channel;
    private final long size;
    private final int power;
    private final long mask;

    public MappedWindows(FileChannel channel, long size, int power) {
        if (power < MIN_POWER || power > MAX_POWER) {
            throw new IllegalArgumentException("window power " + power + " outside " + MIN_POWER + ".." + MAX_POWER);
        }
        this.channel = channel;
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

    /** Maps window {@code index} read-only. The caller owns it and closes it, which unmaps it. */
    public Window map(long index) {
        long start = start(index);
        long length = end(index) - start;
        if (length <= 0) {
            throw new IllegalArgumentException("window " + index + " lies beyond the end (" + size + ")");
        }
        try {
            return new Window(start, channel.map(FileChannel.MapMode.READ_ONLY, start, length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One mapped window; {@link #close()} unmaps it, after which its buffer must not be touched. */
    public static final class Window implements AutoCloseable {
        private final long start;
        private MappedByteBuffer buffer;

        Window(long start, MappedByteBuffer buffer) {
            this.start = start;
            this.buffer = buffer;
        }

        /** The file offset of the buffer's position 0. */
        public long start() {
            return start;
        }

        public MappedByteBuffer buffer() {
            if (buffer == null) {
                throw new IllegalStateException("window at " + start + " is unmapped");
            }
            return buffer;
        }

        @Override
        public void close() {
            if (buffer != null) {
                MappedByteBuffer b = buffer;
                buffer = null;
                Unmapper.unmap(b);
            }
        }
    }
}
