package dev.vmdisk.platform.macos;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code fpunchhole_t}, the argument of {@code fcntl(F_PUNCHHOLE)} (xnu {@code bsd/sys/fcntl.h}):
 * {@code { unsigned int fp_flags; unsigned int reserved; off_t fp_offset; off_t fp_length; }}.
 * Flags and reserved must be 0.
 */
record Fpunchhole(long flags, long reserved, long offset, long length) {
    static final int SIZE = 24;
    static final int FP_FLAGS = 0; // u32
    static final int RESERVED = 4; // u32
    static final int FP_OFFSET = 8; // off_t
    static final int FP_LENGTH = 16; // off_t

    static Fpunchhole of(long offset, long length) {
        return new Fpunchhole(0, 0, offset, length);
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(FP_FLAGS, (int) flags);
        b.putInt(RESERVED, (int) reserved);
        b.putLong(FP_OFFSET, offset);
        b.putLong(FP_LENGTH, length);
        return b.array();
    }

    static Fpunchhole decode(ByteBuffer b) {
        return new Fpunchhole(Le.u32(b, FP_FLAGS), Le.u32(b, RESERVED), Le.u64(b, FP_OFFSET), Le.u64(b, FP_LENGTH));
    }
}
