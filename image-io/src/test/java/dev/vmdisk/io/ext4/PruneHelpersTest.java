package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The small pure pieces of prune: guest path normalising, counting free bits, bounded little-endian writes. */
class PruneHelpersTest {
    @Test
    void underPathsAreNormalisedAndDotDotIsRefused() {
        assertEquals("/", PrunePlanner.normalize(""));
        assertEquals("/", PrunePlanner.normalize("/"));
        assertEquals("/sessions", PrunePlanner.normalize("sessions/"));
        assertEquals("/a/b", PrunePlanner.normalize("//a/./b"));
        assertThrows(BadInputException.class, () -> PrunePlanner.normalize("/a/../b"));
    }

    @Test
    void clearBitsCountsOnlyTheGroupsBitsIncludingAPartialByte() {
        ByteBuffer b = ByteBuffer.allocate(4);
        b.put(0, (byte) 0xFF).put(1, (byte) 0x0F).put(2, (byte) 0x01).put(3, (byte) 0xFF);
        assertEquals(32 - 8 - 4 - 1 - 8, BitmapCounts.clearBits(b, 32));
        assertEquals(20 - 8 - 4 - 1, BitmapCounts.clearBits(b, 20)); // bits 16..19 of byte 2: only bit 16 set
    }

    @Test
    void littleEndianWritesRefuseValuesOutsideTheirField() {
        ByteBuffer b = ByteBuffer.allocate(8);
        LePut.u32(b, 0, 0xDEADBEEFL);
        LePut.u16(b, 4, 0xFFFF);
        assertEquals(0xEF, b.get(0) & 0xFF);
        assertEquals(0xDE, b.get(3) & 0xFF);
        assertThrows(IllegalArgumentException.class, () -> LePut.u16(b, 0, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> LePut.u32(b, 0, -1));
    }
}
