package dev.vmdisk.io.nativefs;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only {@link FileChannel} over vmdisk's own descriptor ({@link NativeFile#read}, {@code pread}), so
 * the structure readers (partition tables, ext4, content detection) read through the one open file that
 * carries vmdisk's lock and lease. Opening the image a second time would make a second open file, which
 * the kernel counts against vmdisk's write lease. Closing the channel leaves the native file open: its
 * owner closes it. No mapping: {@link NativeFile#mapReadOnly} maps where that is safe.
 */
public final class NativeFileChannel extends FileChannel {
    private final NativeFile file;
    private long position;

    public NativeFileChannel(NativeFile file) {
        this.file = file;
    }

    @Override
    public int read(ByteBuffer dst, long at) {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        ensureOpen();
        return dst.hasRemaining() ? file.read(dst, at) : 0;
    }

    @Override
    public int read(ByteBuffer dst) {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
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
    public long position() {
        ensureOpen();
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        ensureOpen();
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        ensureOpen();
        return file.apparentSize();
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException("transferTo");
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        file.sync();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("map through NativeFile.mapReadOnly, under a write lease");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("lock through NativeFile.lockExclusive");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("lock through NativeFile.lockExclusive");
    }

    private void ensureOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("channel closed");
        }
    }

    @Override
    protected void implCloseChannel() {
        // The native file belongs to whoever opened it.
    }
}
