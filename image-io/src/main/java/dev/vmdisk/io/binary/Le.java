package dev.vmdisk.io.binary;

import java.nio.ByteBuffer;

/**
 * Little-endian unsigned reads at absolute offsets. Every on-disk integer goes through here, so a
 * field the format calls unsigned never turns negative in Java. The buffer's own byte order is ignored.
 */
public final class Le {
    private Le() {
    }

    public static int u8(ByteBuffer b, int offset) {
        return b.get(offset) & 0xFF;
    }

    public static int u16(ByteBuffer b, int offset) {
        return (b.get(offset) & 0xFF) | (b.get(offset + 1) & 0xFF) << 8;
    }

    public static long u32(ByteBuffer b, int offset) {
        return (u16(b, offset) | (long) u16(b, offset + 2) << 16) & 0xFFFF_FFFFL;
    }

    /** A 64-bit field; values above {@link Long#MAX_VALUE} come back negative and must be range-checked by the caller. */
    public static long u64(ByteBuffer b, int offset) {
        return u32(b, offset) | u32(b, offset + 4) << 32;
    }

    /** Joins a lo/hi pair of 32-bit halves, as ext4 stores its 64-bit counts: {@code lo | hi << 32}. */
    public static long u64(long lo32, long hi32) {
        return (lo32 & 0xFFFF_FFFFL) | (hi32 & 0xFFFF_FFFFL) << 32;
    }

    /** Big-endian 32-bit read, for the few big-endian fields (ext4's jbd2 journal, some magics). */
    public static long be32(ByteBuffer b, int offset) {
        return ((long) (b.get(offset) & 0xFF) << 24 | (b.get(offset + 1) & 0xFF) << 16
                | (b.get(offset + 2) & 0xFF) << 8 | (b.get(offset + 3) & 0xFF)) & 0xFFFF_FFFFL;
    }

    /** Big-endian 64-bit read, for the image formats that store their sizes big-endian (qcow2, VHD, UDIF). */
    public static long be64(ByteBuffer b, int offset) {
        return be32(b, offset) << 32 | be32(b, offset + 4);
    }
}
