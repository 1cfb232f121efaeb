package dev.vmdisk.io.reset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparseWriterTest {
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    @Test
    void writesOnlyNonZeroBlocksAndSizesTheFileAtTheEnd() throws IOException {
        byte[] data = new byte[64 * BLOCK + 100]; // ends in a partial block of zeros
        data[3 * BLOCK] = 1; // one byte: one block
        data[10 * BLOCK + BLOCK - 1] = 2; // last byte of block 10
        for (int i = 20 * BLOCK; i < 23 * BLOCK; i++) {
            data[i] = (byte) i; // a run of three blocks
        }
        Path out = dir.resolve("out");
        long written;
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            SparseWriter w = new SparseWriter(f, BLOCK, 16 * BLOCK);
            for (int at = 0; at < data.length; at += 16 * BLOCK) {
                w.write(ByteBuffer.wrap(data, at, Math.min(16 * BLOCK, data.length - at)).slice());
            }
            assertEquals(data.length, w.finish());
            written = w.dataWritten();
        }
        assertEquals(5L * BLOCK, written);
        assertEquals(data.length, Files.size(out));
        assertArrayEquals(data, TestImages.bytes(out));
        assertTrue(TestImages.blocks512(out) * 512 <= 5L * BLOCK, "allocated " + TestImages.blocks512(out) * 512);
    }

    /**
     * No write lands past the end of the file: before a chunk's data goes out the file already reaches the
     * chunk's end (a hole), because APFS allocates the gap a write past the end leaves. Before, the file
     * grew only by the writes themselves and was sized at the end, so the length lagged behind them.
     */
    @Test
    void theFileIsSizedBeforeItsDataIsWritten() throws IOException {
        Path out = dir.resolve("sized");
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            SparseWriter w = new SparseWriter(f, BLOCK, 16 * BLOCK);
            byte[] chunk = new byte[16 * BLOCK];
            chunk[2 * BLOCK] = 7; // data early in each chunk, zeros after it
            for (int i = 0; i < 4; i++) {
                w.write(ByteBuffer.wrap(chunk));
                assertEquals(w.size(), f.length(), "after chunk " + i);
            }
            w.skip(16 * BLOCK);
            assertEquals(64L * BLOCK, f.length(), "a skip writes nothing, so it needs no length yet");
            assertEquals(80L * BLOCK, w.finish());
            assertEquals(80L * BLOCK, f.length());
        }
        assertTrue(TestImages.blocks512(out) * 512 <= 4L * BLOCK, "allocated " + TestImages.blocks512(out) * 512);
    }

    @Test
    void allZerosAllocateNothing() throws IOException {
        Path out = dir.resolve("zeros");
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            SparseWriter w = new SparseWriter(f, BLOCK, 1 << 20);
            for (int i = 0; i < 8; i++) {
                w.write(ByteBuffer.allocateDirect(1 << 20));
            }
            w.finish();
        }
        assertEquals(8L << 20, Files.size(out));
        assertEquals(0, TestImages.blocks512(out));
    }

    @Test
    void aPartialLastBlockWithDataIsWritten() throws IOException {
        byte[] data = new byte[BLOCK + 10];
        data[BLOCK + 9] = 9;
        Path out = dir.resolve("tail");
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            SparseWriter w = new SparseWriter(f, BLOCK, 2 * BLOCK);
            w.write(ByteBuffer.wrap(data));
            w.finish();
            assertEquals(10, w.dataWritten());
        }
        assertArrayEquals(data, TestImages.bytes(out));
    }
}
