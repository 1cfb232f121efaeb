package dev.vmdisk.io.prune;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.ext4.FsWriter;
import dev.vmdisk.io.nativefs.NativeFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Writes a file system inside an ASIF image only where the ASIF file already holds the bytes: into data
 * chunks the active map names, over sectors already written ({@link AsifImage#hostOffsetForWrite}). No
 * table, bitmap or directory of the ASIF file changes, so the format stays as the app wrote it.
 * {@link #requireWritable} checks, before the first write, that every structure a plan writes lies in such
 * chunks. Only the bytes that change are written: each lies in a sector that already held non-zero bytes
 * (a live entry's header, an in-use inode, a set bitmap bit, a descriptor, the superblock, an xattr header),
 * so a sector the ASIF file has never stored, which reads as zeros, is never among them.
 */
final class AsifFsWriter implements FsWriter {
    private final NativeFile file;
    private final AsifImage asif;
    private final long fsOffset;
    private final FileChannel disk;

    AsifFsWriter(NativeFile file, AsifImage asif, long fsOffset) {
        this.file = file;
        this.asif = asif;
        this.fsOffset = fsOffset;
        this.disk = asif.disk();
    }

    /** Refuses (exit 4, nothing written) when any range would need a new chunk or a change to a sector bitmap. */
    void requireWritable(List<long[]> ranges) {
        for (long[] r : ranges) {
            forEachPiece(r[0], r[1], (virtual, host, length) -> {
                if (!asif.inWritableChunk(virtual)) {
                    throw new BadInputException(asif.path() + ": refusing to prune: guest byte " + virtual
                            + " is not stored in the ASIF file, and writing it would change the file's tables or"
                            + " bitmaps, which vmdisk does not do; nothing was written (remove the entries inside the running guest)");
                }
            });
        }
    }

    @Override
    public void write(long fsPosition, ByteBuffer bytes) {
        ByteBuffer src = bytes.duplicate();
        int base = src.position();
        int n = src.remaining();
        ByteBuffer now = ByteBuffer.allocate(n);
        try {
            while (now.hasRemaining()) {
                if (disk.read(now, fsOffset + fsPosition + now.position()) < 0) {
                    throw new IllegalStateException(asif.path() + ": the virtual disk ends before guest byte " + (fsOffset + fsPosition + n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int i = 0;
        while (i < n) {
            if (src.get(base + i) == now.get(i)) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && src.get(base + j) != now.get(j)) {
                j++;
            }
            int from = i;
            forEachPiece(fsPosition + i, j - i, (virtual, host, length) -> {
                if (host < 0) {
                    throw new IllegalStateException(asif.path() + ": guest byte " + virtual + " has no ASIF data to overwrite");
                }
                int at = base + from + (int) (virtual - fsOffset - fsPosition - from);
                file.write(src.duplicate().position(at).limit(at + (int) length), host);
            });
            i = j;
        }
        bytes.position(bytes.limit());
    }

    private interface Piece {
        void at(long virtual, long host, long length);
    }

    /** Splits {@code [fsPosition, +length)} at chunk boundaries and says where each piece lies in the host file (-1: nowhere). */
    private void forEachPiece(long fsPosition, long length, Piece piece) {
        int cs = asif.geometry().chunkSize();
        long v = fsOffset + fsPosition;
        long end = v + length;
        while (v < end) {
            long n = Math.min(end, (v / cs + 1) * cs) - v;
            piece.at(v, asif.hostOffsetForWrite(v, (int) n), n);
            v += n;
        }
    }

    @Override
    public void sync() {
        file.sync();
    }
}
