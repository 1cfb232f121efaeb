package dev.vmdisk.io.binary;

import java.nio.ByteBuffer;

/**
 * Big-endian unsigned reads at absolute offsets, for the formats that store integers that way (ASIF).
 * The buffer's own byte order is ignored, as {@link Le} ignores it.
 */
public final class Be {
    private Be() {
    }

    public static int u16(ByteBuffer b, int offset) {
        return (b.get(offset) & 0xFF) << 8 | (b.get(offset + 1) & 0xFF);
    }

    public static long u32(ByteBuffer b, int offset) {
        return Le.be32(b, offset);
    }

    /** A 64-bit field; values above {@link Long#MAX_VALUE} come back negative and must be range-checked by the caller. */
    public static long u64(ByteBuffer b, int offset) {
        return u32(b, offset) << 32 | u32(b, offset + 4);
    }
}
