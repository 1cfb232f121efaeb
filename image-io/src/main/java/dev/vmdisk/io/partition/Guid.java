package dev.vmdisk.io.partition;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.util.Locale;

/** A GUID as GPT stores it: the first three fields little-endian, the last eight bytes in order. */
public record Guid(String text) {
    public static final int SIZE = 16;
    public static final Guid ZERO = new Guid("00000000-0000-0000-0000-000000000000");

    public static Guid parse(ByteBuffer b, int offset) {
        StringBuilder sb = new StringBuilder(36);
        sb.append(String.format(Locale.ROOT, "%08X-%04X-%04X-", Le.u32(b, offset), Le.u16(b, offset + 4), Le.u16(b, offset + 6)));
        for (int i = 8; i < SIZE; i++) {
            if (i == 10) {
                sb.append('-');
            }
            sb.append(String.format(Locale.ROOT, "%02X", Le.u8(b, offset + i)));
        }
        return new Guid(sb.toString());
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    @Override
    public String toString() {
        return text;
    }
}
