package dev.vmdisk.io.ext4;

import java.nio.ByteBuffer;

/** Little-endian writes at absolute offsets, the counterpart of {@link dev.vmdisk.io.binary.Le} for the few fields prune rewrites. */
final class LePut {
    private LePut() {
    }

    static void u16(ByteBuffer b, int offset, long value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("16-bit field at " + offset + ": " + value);
        }
        b.put(offset, (byte) value);
        b.put(offset + 1, (byte) (value >>> 8));
    }

    static void u32(ByteBuffer b, int offset, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("32-bit field at " + offset + ": " + value);
        }
        u16(b, offset, value & 0xFFFF);
        u16(b, offset + 2, value >>> 16);
    }
}
