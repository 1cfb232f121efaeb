package dev.vmdisk.io.reset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BaseFormatTest {
    @TempDir
    Path dir;

    private static BaseFormat sniff(int... bytes) {
        ByteBuffer b = ByteBuffer.allocate(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : bytes) {
            b.put((byte) x);
        }
        return BaseFormat.sniff(b.flip());
    }

    @Test
    void magics() {
        assertEquals(BaseFormat.ZSTD, sniff(0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x05));
        assertEquals(BaseFormat.XZ, sniff(0xFD, '7', 'z', 'X', 'Z', 0, 0, 4));
        assertEquals(BaseFormat.GZIP, sniff(0x1F, 0x8B, 8, 0));
        assertEquals(BaseFormat.BZIP2, sniff('B', 'Z', 'h', '9', 0x31));
        assertEquals(BaseFormat.LZ4, sniff(0x04, 0x22, 0x4D, 0x18, 0x64));
        assertEquals(BaseFormat.RAW, sniff(0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals(BaseFormat.RAW, sniff('B', 'Z', 'h', '0'));
        assertEquals(BaseFormat.RAW, sniff(0x1F, 0x8B, 7));
        assertEquals(BaseFormat.RAW, sniff(0x28));
    }

    @Test
    void skippableFramesAtTheStartAreSteppedOver() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + 3 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x184D2A57).putInt(3).put(new byte[] {1, 2, 3});
        b.putInt(0x184D2204).putInt(0x00000064); // an lz4 frame after the skippable one
        Path p = dir.resolve("x");
        TestImages.write(p, b.array());
        try (BaseReader m = BaseReader.open(p)) {
            assertEquals(BaseFormat.LZ4, BaseFormat.sniff(m));
        }
    }

    @Test
    void namesOnlyClaim() {
        assertEquals(BaseFormat.ZSTD, BaseFormat.claimedByName("rootfs.img.zst"));
        assertEquals(BaseFormat.XZ, BaseFormat.claimedByName("a.XZ"));
        assertEquals(BaseFormat.RAW, BaseFormat.claimedByName("rootfs.img"));
    }
}
