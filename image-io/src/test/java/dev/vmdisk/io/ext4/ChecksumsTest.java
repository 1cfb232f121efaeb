package dev.vmdisk.io.ext4;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChecksumsTest {
    @Test
    void crc32cWithSeedAllOnesIsTheJdksWithoutTheFinalInversion() {
        byte[] data = "123456789 and then some more bytes".getBytes(StandardCharsets.US_ASCII);
        CRC32C jdk = new CRC32C();
        jdk.update(data);
        int raw = Crc32c.update(~0, ByteBuffer.wrap(data), 0, data.length);
        assertEquals(jdk.getValue(), ~raw & 0xFFFF_FFFFL);
        // chaining pieces equals one pass
        int chained = Crc32c.update(Crc32c.update(~0, ByteBuffer.wrap(data), 0, 10), ByteBuffer.wrap(data), 10, data.length - 10);
        assertEquals(raw, chained);
    }

    @Test
    void crc32cOfZerosAndLittleEndianWordsMatchesTheBytes() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0x78, 0x56, 0x34, 0x12, 0, 0});
        assertEquals(Crc32c.update(7, b, 0, 6), Crc32c.updateZeros(Crc32c.updateLe32(7, 0x12345678L), 2));
    }

    @Test
    void crc16IsTheKernelsCrc16() {
        // the kernel's crc16 (CRC-16/ARC reflected, here from seed 0): "123456789" -> 0xBB3D
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xBB3D, Crc16.update(0, ByteBuffer.wrap(data), 0, data.length));
        assertEquals(Crc16.update(0, ByteBuffer.wrap(new byte[] {1, 0, 0, 0}), 0, 4), Crc16.updateLe32(0, 1));
    }
}
