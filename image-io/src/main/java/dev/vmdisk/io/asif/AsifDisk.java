package dev.vmdisk.io.asif;

import dev.vmdisk.io.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The virtual disk inside an {@link AsifImage} as a read-only {@link FileChannel} (positional reads and
 * {@code size()}, like {@link dev.vmdisk.io.nativefs.NativeFileChannel}), so the partition table, content
 * and ext4 readers work on it unchanged. Each read resolves through the active map: an unmapped chunk,
 * and an unwritten sector of a partly written one, read as zeros; everything else is read from the host
 * file by copying, never mapped. Closing it leaves the host channel open: its owner closes it.
 */
final class AsifDisk extends FileChannel {
    private final AsifImage asif;
    private final long size;
    private long position;

    /** @param size where the stream ends: the virtual size, or the maximum size to reach the metadata */
    AsifDisk(AsifImage asif, long size) {
        this.asif = asif;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (at >= size) {
            return -1;
        }
        int cs = asif.geometry().chunkSize();
        int ss = asif.geometry().sectorSize();
        int total = 0;
        while (dst.hasRemaining() && at < size) {
            long v = at / cs;
            long inChunk = at - v * cs;
            int n = (int) Math.min(dst.remaining(), Math.min(cs - inChunk, size - at));
            int k = asif.map.find(v);
            if (k < 0) {
                zeros(dst, n);
            } else {
                long hostAt = asif.map.physical[k] * cs + inChunk;
                byte[] written = asif.map.written[k];
                if (written == null) {
                    fromHost(dst, hostAt, n);
                } else {
                    // Runs of sectors in one state: written ones from the host, the others as zeros.
                    long done = 0;
                    while (done < n) {
                        int sector = (int) ((inChunk + done) / ss);
                        boolean w = ChunkMap.sectorWritten(written, sector);
                        long runEnd = (long) (sector + 1) * ss;
                        while (runEnd < inChunk + n && ChunkMap.sectorWritten(written, (int) (runEnd / ss)) == w) {
                            runEnd += ss;
                        }
                        int len = (int) (Math.min(runEnd, inChunk + n) - (inChunk + done));
                        if (w) {
                            fromHost(dst, hostAt + done, len);
                        } else {
                            zeros(dst, len);
                        }
                        done += len;
                    }
                }
            }
            total += n;
            at += n;
        }
        return total;
    }

    private static final byte[] ZEROS = new byte[1 << 16];

    private static void zeros(ByteBuffer dst, int n) {
        for (int left = n; left > 0; left -= Math.min(left, ZEROS.length)) {
            dst.put(ZEROS, 0, Math.min(left, ZEROS.length));
        }
    }

    private void fromHost(ByteBuffer dst, long hostAt, int n) throws IOException {
        ByteBuffer part = dst.slice(dst.position(), n);
        while (part.hasRemaining()) {
            int r = asif.host().read(part, hostAt + part.position());
            if (r <= 0) {
                // Checked at open: every mapped chunk lay inside the file. It shrank since.
                throw new BadInputException(asif.path() + ": ASIF data chunk at byte " + hostAt + " ends early at byte "
                        + (hostAt + part.position()) + "; the file shrank while vmdisk read it");
            }
        }
        dst.position(dst.position() + n);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
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
        return size;
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
    public FileChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // Nothing is ever written through it.
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long length) {
        throw new UnsupportedOperationException("an ASIF virtual disk is read by copying, never mapped");
    }

    @Override
    public FileLock lock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("lock the host file");
    }

    @Override
    public FileLock tryLock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("lock the host file");
    }

    private void ensureOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("channel closed");
        }
    }

    @Override
    protected void implCloseChannel() {
        // The host channel belongs to whoever opened it.
    }
}
