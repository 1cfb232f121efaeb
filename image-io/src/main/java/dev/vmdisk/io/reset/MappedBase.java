package dev.vmdisk.io.reset;

import dev.vmdisk.io.scan.Unmapper;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A base file mapped read-only in windows of {@code 2^chunkPower} bytes, mapped when first used and
 * unmapped on {@link #close()}. Reads inside one window are views of it; a read across a window
 * boundary is copied. Not thread-safe: one owner at a time.
 */
final class MappedBase implements Closeable {
    /** 1 GiB windows: few mappings for a big base, well under the 2 GiB a ByteBuffer can address. */
    static final int DEFAULT_CHUNK_POWER = 30;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final int chunkPower;
    private final long chunkMask;
    private final MappedByteBuffer[] windows;
    private boolean closed;

    private MappedBase(Path path, FileChannel channel, long size, int chunkPower) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.chunkPower = chunkPower;
        this.chunkMask = (1L << chunkPower) - 1;
        this.windows = new MappedByteBuffer[(int) ((size + chunkMask) >>> chunkPower)];
    }

    static MappedBase open(Path path) throws IOException {
        return open(path, DEFAULT_CHUNK_POWER);
    }

    /** @param chunkPower log2 of the window size; tests use 12 to cross many boundaries */
    static MappedBase open(Path path, int chunkPower) throws IOException {
        if (chunkPower < 12 || chunkPower > 30) {
            throw new IllegalArgumentException("chunkPower " + chunkPower + " outside 12..30");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new MappedBase(path, channel, channel.size(), chunkPower);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /**
     * A view of the bytes from {@code offset} to {@code end}, cut at the end of the window that holds
     * {@code offset}; callers loop to cover a longer range. Position 0 of the view is {@code offset}.
     */
    ByteBuffer window(long offset, long end) throws IOException {
        if (offset < 0 || offset >= end || end > size) {
            throw new IllegalArgumentException("range " + offset + ".." + end + " outside 0.." + size);
        }
        int index = (int) (offset >>> chunkPower);
        int from = (int) (offset & chunkMask);
        long windowEnd = Math.min((long) (index + 1) << chunkPower, end);
        return mapped(index).slice(from, (int) (windowEnd - offset));
    }

    /**
     * {@code length} bytes at {@code offset} as a buffer whose position 0 is {@code offset}, for
     * {@link dev.vmdisk.io.binary.Le} reads: a view when they lie in one window, else a copy.
     */
    ByteBuffer read(long offset, int length) throws IOException {
        ByteBuffer first = window(offset, offset + length);
        if (first.remaining() == length) {
            return first.order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer copy = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(first);
        while (copy.hasRemaining()) {
            copy.put(window(offset + copy.position(), offset + length));
        }
        return copy.flip();
    }

    private MappedByteBuffer mapped(int index) throws IOException {
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
        MappedByteBuffer w = windows[index];
        if (w == null) {
            long start = (long) index << chunkPower;
            w = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(1L << chunkPower, size - start));
            windows[index] = w;
        }
        return w;
    }

    /** Unmaps every window; callers must be done with every view, on every thread. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < windows.length; i++) {
            if (windows[i] != null) {
                Unmapper.unmap(windows[i]);
                windows[i] = null;
            }
        }
        channel.close();
    }
}
