package dev.vmdisk.io.asif;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.AsifWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated bytes: every structure vmdisk does not understand, or that contradicts itself or the file, is a
 * one-line refusal (exit 4) that names the structure and its byte offset, never a guess or a stack trace.
 */
class AsifRefusalTest {
    static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    Path asif;
    AsifWriter.Layout layout;

    @BeforeEach
    void make() throws IOException {
        Path raw = dir.resolve("raw.img");
        Random r = new Random(5);
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(8 * MIB);
            byte[] b = new byte[(int) MIB];
            r.nextBytes(b);
            f.write(b); // chunk 0 full
            f.seek(2 * MIB + 4096);
            f.write(b, 0, 4096); // chunk 2 partly
            f.seek(5 * MIB);
            f.write(b); // chunk 5 full
        }
        asif = dir.resolve("x.asif");
        layout = new AsifWriter().write(raw, asif);
        assertTrue(layout.partial().contains(2L));
        AsifImageTest.open(asif); // the unmutated file reads
    }

    void putLong(long at, long value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(asif.toFile(), "rw")) {
            f.seek(at);
            f.writeLong(value); // big-endian, as ASIF stores it
        }
    }

    void putInt(long at, int value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(asif.toFile(), "rw")) {
            f.seek(at);
            f.writeInt(value);
        }
    }

    void putByte(long at, int value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(asif.toFile(), "rw")) {
            f.seek(at);
            f.write(value);
        }
    }

    long entry(long virtualChunk) {
        return layout.entries().get(virtualChunk);
    }

    long phys(long virtualChunk) {
        return layout.physical().get(virtualChunk);
    }

    /** Reading refuses with a one-line message holding every one of {@code expected}. */
    void refused(String... expected) throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> AsifImageTest.open(asif));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith(asif + ": "), m);
        for (String s : expected) {
            assertTrue(m.contains(s), "'" + s + "' not in: " + m);
        }
    }

    @Test
    void unknownHeaderVersion() throws IOException {
        putInt(4, 2);
        refused("header version 2 at byte 4");
    }

    @Test
    void unknownSectorSizeAndChunkSize() throws IOException {
        putInt(0x40, 3 << 19);
        refused("chunk size 1572864 at byte 64");
        putInt(0x40, 1 << 20);
        try (RandomAccessFile f = new RandomAccessFile(asif.toFile(), "rw")) {
            f.seek(0x44);
            f.writeShort(1000);
        }
        refused("sector size 1000 at byte 68");
    }

    @Test
    void sameSequenceNumbers() throws IOException {
        putLong(layout.directoryB(), 7); // A has 7 too
        refused("directories A (byte 512) and B (byte " + layout.directoryB() + ") have the same sequence number 7");
    }

    @Test
    void directoryEntryPastTheEnd() throws IOException {
        long at = layout.directoryA() + 8;
        putLong(at, 1_000_000);
        refused("directory A entry 0 at byte " + at, "past the end of the file");
    }

    @Test
    void dataChunkPastTheEnd() throws IOException {
        putLong(entry(0), 1L << 62 | 5000);
        refused("table entry at byte " + entry(0), "chunk 5000", "past the end of the file");
    }

    @Test
    void dataChunkReferencedTwice() throws IOException {
        putLong(entry(0), 1L << 62 | phys(5));
        refused("chunk " + phys(5) + " (byte " + phys(5) * MIB + ") is referenced twice", "data (table entry at byte " + entry(5));
    }

    @Test
    void dataChunkThatIsATable() throws IOException {
        long table = layout.tables().get(0L);
        putLong(entry(5), 1L << 62 | table);
        refused("chunk " + table + " (byte " + table * MIB + ") is referenced twice: as table 0", "and as data (table entry at byte " + entry(5));
    }

    @Test
    void dataChunkThatIsTheHeader() throws IOException {
        putLong(entry(5), 1L << 62);
        refused("table entry at byte " + entry(5), "chunk 0, the header");
    }

    @Test
    void unknownChunkStates() throws IOException {
        putLong(entry(0), 2L << 62 | phys(0));
        refused("table entry at byte " + entry(0), "chunk state 10");
        putLong(entry(0), phys(0));
        refused("table entry at byte " + entry(0), "chunk state 00 with chunk index " + phys(0));
        putLong(entry(0), 1L << 62 | 1L << 55 | phys(0));
        refused("table entry at byte " + entry(0), "reserved bits");
    }

    @Test
    void unknownSectorStates() throws IOException {
        long bitmap = layout.bitmaps().get(0L) * MIB;
        long at = bitmap + 2 * 512 + 3; // chunk 2's slice, sectors 12-15
        putByte(at, 0b0010_0000); // sector 14: state 10
        refused("bitmap byte at byte " + at, "sector 14", "state 10");
        putByte(at, 0b1100_0000); // sector 15: state 11
        refused("bitmap byte at byte " + at, "sector 15", "state 11");
    }

    @Test
    void partlyWrittenChunkWithoutBitmap() throws IOException {
        long table = layout.tables().get(0L) * MIB;
        putLong(table + 8L * 2048, 0);
        refused("table entry at byte " + entry(2), "partly written but its group has no bitmap chunk");
    }

    @Test
    void bitmapPastTheEnd() throws IOException {
        long table = layout.tables().get(0L) * MIB;
        putLong(table + 8L * 2048, 777);
        refused("bitmap entry at byte " + (table + 8L * 2048), "chunk 777", "past the end of the file");
    }

    @Test
    void metadataWithoutItsMagic() throws IOException {
        putByte(phys(layout.metadataVirtual()) * MIB, 'x');
        refused("metadata at virtual byte " + layout.metadataVirtual() * MIB, "no 'meta' magic");
    }

    @Test
    void metadataInsideTheVirtualDisk() throws IOException {
        putLong(0x48, 3);
        refused("metadata location 3 (header byte 72)");
    }

    @Test
    void truncatedFile() throws IOException {
        try (FileChannel ch = FileChannel.open(asif, StandardOpenOption.WRITE)) {
            ch.truncate(phys(5) * MIB + 100);
        }
        assertTrue(Files.size(asif) < layout.physical().size() * MIB);
        refused("past the end of the file");
    }
}
