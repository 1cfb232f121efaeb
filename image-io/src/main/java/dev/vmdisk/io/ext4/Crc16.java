package dev.vmdisk.io.ext4;

import java.nio.ByteBuffer;

/** The kernel's {@code crc16} (polynomial 0x8005, reflected), used by group descriptors under {@code gdt_csum}. */
final class Crc16 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xA001 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc16() {
    }

    static int update(int crc, ByteBuffer b, int offset, int length) {
        int c = crc & 0xFFFF;
        for (int i = offset, end = offset + length; i < end; i++) {
            c = (c >>> 8) ^ TABLE[(c ^ b.get(i)) & 0xFF];
        }
        return c;
    }

    static int updateLe32(int crc, long value) {
        int c = crc & 0xFFFF;
        for (int i = 0; i < 4; i++) {
            c = (c >>> 8) ^ TABLE[(c ^ (int) (value >>> (8 * i))) & 0xFF];
        }
        return c;
    }
}
