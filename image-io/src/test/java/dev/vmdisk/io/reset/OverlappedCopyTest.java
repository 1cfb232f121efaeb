package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-over between the decompressing and the writing thread: all-zero buffers are checked on the
 * decompressing thread and reach the writer as holes, so what lands in the file must still be every byte
 * the source produced, with the zeros unallocated.
 */
class OverlappedCopyTest {
    private static final int BLOCK = 4096;
    private static final int BUFFER = 16 * BLOCK;

    @TempDir
    Path dir;

    /** Produces {@code content} in the buffers it is handed, as a decompressor would. */
    private static final class Scripted implements Decompressor {
        private final byte[] content;
        private final long failAt;
        private int at;

        Scripted(byte[] content, long failAt) {
            this.content = content;
            this.failAt = failAt;
        }

        @Override
        public boolean fill(ByteBuffer into) {
            int n = Math.min(into.remaining(), content.length - at);
            if (at + n > failAt) {
                throw new BadInputException("corrupt at " + failAt);
            }
            into.put(content, at, n);
            at += n;
            return at < content.length;
        }

        @Override
        public long consumed() {
            return at;
        }

        @Override
        public boolean checksummed() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Data, a zero run longer than the longest hole handed over at once, data, a zero run, a short zero tail. */
    private static byte[] content() {
        int zeros = (int) (OverlappedCopy.MAX_HOLE + 3 * BUFFER);
        byte[] c = new byte[BUFFER + zeros + 5 * BLOCK + 7 * BUFFER + BLOCK / 2];
        Random r = new Random(42);
        for (int i = 0; i < BUFFER; i++) {
            c[i] = (byte) r.nextInt();
        }
        int data = BUFFER + zeros;
        for (int i = data; i < data + 5 * BLOCK; i++) {
            c[i] = (byte) (i | 1);
        }
        c[c.length - 7 * BUFFER - BLOCK / 2 - 1] = 9; // the last byte of the second data run's last block
        return c;
    }

    @Test
    void zeroBuffersBecomeHolesAndEveryByteLandsWhereItWas() throws IOException {
        byte[] content = content();
        Path out = dir.resolve("out");
        List<Long> progress = new ArrayList<>();
        long dataWritten;
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            SparseWriter w = new SparseWriter(f, BLOCK, BUFFER);
            OverlappedCopy.copy(new Scripted(content, Long.MAX_VALUE), w, BUFFER, 3, progress::add);
            assertEquals(content.length, w.finish());
            dataWritten = w.dataWritten();
        }
        assertArrayEquals(content, Files.readAllBytes(out));
        assertEquals(BUFFER + 5L * BLOCK, dataWritten, "only the data blocks are written");
        assertTrue(TestImages.blocks512(out) * 512 <= BUFFER + 5L * BLOCK,
                "allocated " + TestImages.blocks512(out) * 512);
        // The long zero run reached the writer in more than one piece, so its lease checks kept their pace.
        assertTrue(progress.size() >= 4, "progress calls " + progress);
    }

    @Test
    @Timeout(30)
    void aFailureAfterALongZeroRunReachesTheWriterAndNothingHangs() throws IOException {
        byte[] content = content();
        Path out = dir.resolve("failed");
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            SparseWriter w = new SparseWriter(f, BLOCK, BUFFER);
            long failAt = BUFFER + OverlappedCopy.MAX_HOLE + 2L * BUFFER;
            BadInputException e = assertThrows(BadInputException.class,
                    () -> OverlappedCopy.copy(new Scripted(content, failAt), w, BUFFER, 2, done -> { }));
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void aWriterThatStopsDuringAZeroRunStopsTheDecompressingThread() throws IOException {
        byte[] content = content();
        Path out = dir.resolve("stopped");
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            SparseWriter w = new SparseWriter(f, BLOCK, BUFFER);
            int[] calls = {0};
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> OverlappedCopy.copy(new Scripted(content, Long.MAX_VALUE), w, BUFFER, 2, done -> {
                        if (++calls[0] == 2) {
                            throw new IllegalStateException("lease lost");
                        }
                    }));
            assertEquals("lease lost", e.getMessage());
        }
    }
}
