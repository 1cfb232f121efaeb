package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made headers for every Frame_Content_Size and Dictionary_ID width (RFC 8878 3.1.1.1). */
class ZstdFrameHeaderTest {
    private static final Path BASE = Path.of("base.zst");

    private static ZstdFrameHeader parse(int... bytes) {
        ByteBuffer b = ByteBuffer.allocate(bytes.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) BaseFormat.ZSTD_MAGIC);
        for (int x : bytes) {
            b.put((byte) x);
        }
        return ZstdFrameHeader.parse(b.flip(), BASE, 0);
    }

    @Test
    void singleSegmentOneByteContentSize() {
        ZstdFrameHeader h = parse(0x20, 200, 0, 0, 0);
        assertEquals(6, h.headerSize());
        assertEquals(200, h.contentSize());
        assertFalse(h.checksum());
    }

    @Test
    void twoByteContentSizeIsStoredMinus256() {
        ZstdFrameHeader h = parse(0x40 | 0x04, 0x58, 0x00, 0x01, 0, 0, 0);
        assertEquals(8, h.headerSize());
        assertEquals(256 + 256, h.contentSize());
        assertTrue(h.checksum());
    }

    @Test
    void fourAndEightByteContentSizes() {
        assertEquals(0xFFFF_FFFEL, parse(0x80, 0x58, 0xFE, 0xFF, 0xFF, 0xFF, 0, 0, 0).contentSize());
        ZstdFrameHeader h = parse(0xC0 | 0x20, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
        assertEquals(13, h.headerSize());
        assertEquals(1L << 32, h.contentSize());
    }

    @Test
    void noContentSizeWithoutSingleSegment() {
        ZstdFrameHeader h = parse(0x00, 0x58, 0, 0, 0);
        assertEquals(6, h.headerSize());
        assertEquals(ZstdFrameHeader.UNKNOWN_SIZE, h.contentSize());
    }

    @Test
    void dictionaryIdWidths() {
        assertEquals(0x12, parse(0x01, 0x58, 0x12, 0, 0).dictionaryId());
        assertEquals(0x3412, parse(0x02, 0x58, 0x12, 0x34, 0, 0).dictionaryId());
        ZstdFrameHeader h = parse(0x03, 0x58, 0x12, 0x34, 0x56, 0x78, 0, 0);
        assertEquals(0x78563412L, h.dictionaryId());
        assertEquals(10, h.headerSize());
    }

    @Test
    void reservedBitIsCorrupt() {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(0x08, 0x58, 0, 0, 0));
        assertTrue(e.getMessage().contains("reserved bit"), e.getMessage());
    }

    @Test
    void contentSizeAbove2To63IsCorrupt() {
        assertThrows(BadInputException.class, () -> parse(0xE0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0));
    }

    @Test
    void headerCutShortIsTruncated() {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(0x80, 0x58, 0xFE));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void wrongMagic() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x12345678).putInt(0).flip();
        assertThrows(BadInputException.class, () -> ZstdFrameHeader.parse(b, BASE, 0));
    }
}
