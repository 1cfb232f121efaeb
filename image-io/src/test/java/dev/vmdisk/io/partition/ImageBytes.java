package dev.vmdisk.io.partition;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/** Mutates bytes of a test image in place, the way corruption or a careless tool would. */
final class ImageBytes {
    private ImageBytes() {
    }

    static void putU32(Path file, long at, long value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) value);
        write(file, at, b);
    }

    static void flipByte(Path file, long at) throws IOException {
        ByteBuffer b = read(file, at, 1);
        b.put(0, (byte) ~b.get(0));
        write(file, at, b);
    }

    /** Recomputes the CRC32 of the GPT header at {@code at}, so only the fields a test changed are wrong. */
    static void fixHeaderCrc(Path file, long at) throws IOException {
        ByteBuffer h = read(file, at, 92);
        h.putInt(16, 0);
        CRC32 c = new CRC32();
        c.update(h.array());
        putU32(file, at + 16, c.getValue());
    }

    static ByteBuffer read(Path file, long at, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, at);
            return b.flip();
        }
    }

    static void write(Path file, long at, ByteBuffer b) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(b.array(), 0, b.limit());
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
