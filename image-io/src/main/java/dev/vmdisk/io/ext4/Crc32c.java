package dev.vmdisk.io.ext4;

import java.nio.ByteBuffer;

/**
 * CRC32C as ext4 chains it: the kernel's {@code ext4_chksum(seed, data)} starts from any seed and
 * applies no final inversion, which {@link java.util.zip.CRC32C} cannot express, so this is the
 * plain reflected table form (polynomial 0x82F63B78).
 */
final class Crc32c {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32c() {
    }

    /** Continues {@code crc} over {@code length} bytes of {@code b} from absolute {@code offset}. */
    static int update(int crc, ByteBuffer b, int offset, int length) {
        int c = crc;
        for (int i = offset, end = offset + length; i < end; i++) {
            c = TABLE[(c ^ b.get(i)) & 0xFF] ^ (c >>> 8);
        }
        return c;
    }

    /** Continues {@code crc} over the four little-endian bytes of {@code value}. */
    static int updateLe32(int crc, long value) {
        int c = crc;
        for (int i = 0; i < 4; i++) {
            c = TABLE[(c ^ (int) (value >>> (8 * i))) & 0xFF] ^ (c >>> 8);
        }
        return c;
    }

    /** Continues {@code crc} over {@code count} zero bytes (a checksum field counted as zero). */
    static int updateZeros(int crc, int count) {
        int c = crc;
        for (int i = 0; i < count; i++) {
            c = TABLE[c & 0xFF] ^ (c >>> 8);
        }
        return c;
    }
}
