package dev.vmdisk.io.port;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Copies a file keeping its holes: the copy is sized first (APFS fills gaps for writes past the end, so
 * writing first and extending later would allocate them) and only the source's data extents are written.
 * In Java because {@code cp --sparse=always} is GNU only.
 */
public final class SparseCopy {
    private static final int CHUNK = 1 << 20;

    private SparseCopy() {
    }

    public static Path copy(NativeFs fs, Path from, Path to) {
        try (NativeFile src = fs.open(from, Access.READ_ONLY);
             RandomAccessFile raf = new RandomAccessFile(to.toFile(), "rw")) {
            long size = src.apparentSize();
            raf.setLength(0);
            raf.setLength(size); // ftruncate: sized first, all hole
            FileChannel out = raf.getChannel();
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
            for (long data = src.nextData(0); data >= 0 && data < size; data = src.nextData(src.nextHole(data))) {
                long end = src.nextHole(data);
                for (long pos = data; pos < end; ) {
                    buf.clear().limit((int) Math.min(CHUNK, end - pos));
                    int n = src.read(buf, pos);
                    if (n <= 0) {
                        break;
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        pos += out.write(buf, pos);
                    }
                }
                if (end >= size) {
                    break;
                }
            }
            out.force(true);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
