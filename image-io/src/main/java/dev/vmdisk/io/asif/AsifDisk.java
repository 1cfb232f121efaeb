package dev.vmdisk.io.asif;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.ReadOnlyChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/**
 * The virtual disk inside an {@link AsifImage} as a read-only {@link FileChannel} (positional reads and
 * {@code size()}, like {@link dev.vmdisk.io.nativefs.NativeFileChannel}), so the partition table, content
 * and ext4 readers work on it unchanged. Each read resolves through the active map: an unmapped chunk,
 * and an unwritten sector of a partly written one, read as zeros; everything else is read from the host
 * file by copying, never mapped. Closing it leaves the host channel open: its owner closes it.
 */
final class AsifDisk extends ReadOnlyChannel {
    private final AsifImage asif;
    private final long size;

    /** @param size where the stream ends: the virtual size, or the maximum size to reach the metadata */
    AsifDisk(AsifImage asif, long size) {
        this.asif = asif;
        this.size = size;
    }

    @Override
    protected int readAt(ByteBuffer dst, long at) throws IOException {
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
    protected long length() {
        return size;
    }

    @Override
    public void force(boolean metaData) {
        // Nothing is ever written through it.
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
}
