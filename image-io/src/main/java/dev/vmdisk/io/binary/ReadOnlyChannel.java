package dev.vmdisk.io.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only {@link FileChannel} made of two things, positional reads and a size, so that the structure
 * readers (partition tables, content detection, ext4) read any byte stream vmdisk has: an image through
 * vmdisk's own descriptor, the virtual disk inside an ASIF file. Relative reads keep their own position;
 * every write, mapping and lock is refused. Closing it closes nothing underneath: its source has an owner.
 */
public abstract class ReadOnlyChannel extends FileChannel {
    private long position;

    /**
     * Reads from {@code at} (not negative) into {@code dst} (with bytes remaining) and advances it.
     *
     * @return bytes read, or -1 at or past the end
     */
    protected abstract int readAt(ByteBuffer dst, long at) throws IOException;

    /** The stream's length. */
    protected abstract long length();

    @Override
    public final int read(ByteBuffer dst, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        ensureOpen();
        return dst.hasRemaining() ? readAt(dst, at) : 0;
    }

    @Override
    public final int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public final long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public final long position() {
        ensureOpen();
        return position;
    }

    @Override
    public final FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        ensureOpen();
        position = newPosition;
        return this;
    }

    @Override
    public final long size() {
        ensureOpen();
        return length();
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException("transferTo");
    }

    @Override
    public final int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public final long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public final int write(ByteBuffer src, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public final FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public final long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("a read-only channel of vmdisk's is read by copying, never mapped");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("lock the file underneath");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("lock the file underneath");
    }

    private void ensureOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("channel closed");
        }
    }

    @Override
    protected final void implCloseChannel() {
        // The source belongs to whoever made it.
    }
}
