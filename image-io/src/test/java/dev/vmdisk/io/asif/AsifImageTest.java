package dev.vmdisk.io.asif;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.scan.Extent;
import dev.vmdisk.testdata.AsifWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ASIF files made by the test writer read back byte for byte as the raw image they were made from. */
class AsifImageTest {
    @TempDir
    Path dir;

    /**
     * A raw image with every kind of chunk at 1 MiB chunks: fully written, all zeros (unmapped), partly
     * written (every other sector zero, and a single written sector), and a last chunk cut short.
     */
    Path raw(long size, long... dataAt) throws IOException {
        Path p = dir.resolve("raw-" + size + ".img");
        Random r = new Random(size);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
            for (long at : dataAt) {
                byte[] full = new byte[1 << 20];
                r.nextBytes(full);
                f.seek(at);
                f.write(full, 0, (int) Math.min(full.length, size - at));
                byte[] sector = new byte[512];
                if (at + (3L << 20) <= size) {
                    for (long s = 0; s < 2048; s += 2) { // chunk 2 after it: every other sector
                        r.nextBytes(sector);
                        f.seek(at + (2L << 20) + s * 512);
                        f.write(sector);
                    }
                }
                if (at + (4L << 20) <= size) {
                    f.seek(at + (3L << 20) + 700 * 512 + 100); // chunk 3: one sector, partly
                    f.write(new byte[] {1, 2, 3});
                }
            }
        }
        return p;
    }

    static AsifImage open(Path asif) throws IOException {
        FileChannel ch = FileChannel.open(asif, StandardOpenOption.READ);
        return AsifImage.read(ch, asif);
    }

    static void assertSameBytes(Path raw, FileChannel disk) throws IOException {
        try (FileChannel r = FileChannel.open(raw, StandardOpenOption.READ)) {
            assertEquals(r.size(), disk.size());
            ByteBuffer a = ByteBuffer.allocate(1 << 20);
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            // Odd-sized reads at odd offsets cross sectors, chunks and states.
            long pos = 0;
            int step = 333_331;
            while (pos < r.size()) {
                int n = (int) Math.min(step, r.size() - pos);
                a.clear().limit(n);
                b.clear().limit(n);
                while (a.hasRemaining() && r.read(a, pos + a.position()) > 0) {
                    // fill
                }
                while (b.hasRemaining() && disk.read(b, pos + b.position()) > 0) {
                    // fill
                }
                assertEquals(a.flip(), b.flip(), "bytes differ in the read at " + pos);
                pos += n;
            }
            b.clear();
            assertEquals(-1, disk.read(b, r.size()));
        }
    }

    @ParameterizedTest(name = "active B {0}, metadata {1}, junk in unwritten sectors {2}")
    @CsvSource({"false,true,true", "true,true,true", "false,false,false", "true,false,true"})
    void readsTheGuestBackByteForByte(boolean activeB, boolean metadata, boolean junk) throws IOException {
        Path raw = raw((9L << 20) + 4096, 0, 5L << 20);
        Path asif = dir.resolve("x.asif");
        AsifWriter.Layout layout = new AsifWriter().activeB(activeB).metadata(metadata).junkInUnwritten(junk).write(raw, asif);
        AsifImage img = open(asif);
        assertEquals(activeB ? "B" : "A", img.activeDirectory());
        assertEquals(metadata, img.hasMetadata());
        assertEquals((9L << 20) + 4096, img.virtualSize());
        assertFalse(layout.partial().isEmpty());
        assertSameBytes(raw, img.disk());
        // The structure vmdisk reports is the writer's, to the byte.
        assertEquals(layout.structure().size(), img.structureExtents().size() - 2); // the writer joins header and directories
        for (long[] s : layout.structure().subList(1, layout.structure().size())) {
            assertTrue(img.structureExtents().contains(new Extent(s[0], s[1])), "structure at " + s[0]);
        }
    }

    @Test
    void manyGroupsAndTablesAtSmallChunks() throws IOException {
        // 64 KiB chunks: a group maps 128 MiB, a table 3 groups (384 MiB); data in groups 0, 1 and table 1.
        Path raw = raw(400L << 20, 0, 130L << 20, 390L << 20);
        Path asif = dir.resolve("small.asif");
        AsifWriter.Layout layout = new AsifWriter().chunkSize(1 << 16).maxSize(1L << 40).seed(3).write(raw, asif);
        assertTrue(layout.tables().size() >= 2, "tables " + layout.tables());
        assertTrue(layout.bitmaps().size() >= 3, "bitmaps " + layout.bitmaps());
        AsifImage img = open(asif);
        assertEquals(new AsifGeometry(1 << 16, 512, 2048, 3, (1L << 40) / (3L * 2048 << 16) + 1), img.geometry());
        assertSameBytes(raw, img.disk());
    }

    @Test
    void hostPiecesLieInDataChunksOnly() throws IOException {
        Path raw = raw(8L << 20, 0, 4L << 20);
        Path asif = dir.resolve("p.asif");
        AsifWriter.Layout layout = new AsifWriter().write(raw, asif);
        AsifImage img = open(asif);
        long[] total = {0};
        img.forEachHostPiece(0, img.virtualSize(), (h, len, v) -> {
            long phys = layout.physical().get(v >> 20);
            assertEquals(phys << 20 | (v & ((1 << 20) - 1)), h);
            for (long[] s : layout.structure()) {
                assertTrue(h + len <= s[0] || h >= s[0] + s[1], "piece at " + h + " inside a structure at " + s[0]);
            }
            total[0] += len;
        });
        assertEquals(img.mappedBytes(), total[0]);
        assertEquals(layout.physical().size() - 1, img.dataChunkExtents().size()); // less the metadata
    }

    /** prune's in-place writes: only into stored sectors of data chunks; never an unmapped chunk, an unwritten sector or across chunks. */
    @Test
    void inPlaceWritesLandOnlyInStoredSectors() throws IOException {
        Path raw = raw(8L << 20, 0, 4L << 20);
        Path asif = dir.resolve("w.asif");
        AsifWriter.Layout layout = new AsifWriter().write(raw, asif);
        AsifImage img = open(asif);
        assertEquals(layout.physical().get(0L) << 20 | 100, img.hostOffsetForWrite(100, 50));
        assertEquals(-1, img.hostOffsetForWrite(1L << 20, 8), "chunk 1 is all zeros: unmapped");
        assertFalse(img.inWritableChunk(1L << 20));
        long partly = 2L << 20; // every other sector written
        assertEquals(layout.physical().get(2L) << 20, img.hostOffsetForWrite(partly, 512));
        assertEquals(-1, img.hostOffsetForWrite(partly + 512, 10), "an unwritten sector");
        assertEquals(-1, img.hostOffsetForWrite(partly + 500, 20), "a range reaching an unwritten sector");
        assertTrue(img.inWritableChunk(partly + 512));
        assertEquals(-1, img.hostOffsetForWrite((1L << 20) - 4, 8), "across two chunks");
        assertEquals(-1, img.hostOffsetForWrite(img.virtualSize() - 4, 8), "past the end");
    }
}
