package dev.vmdisk.platform.macos;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads NUL-terminated UTF-8 strings out of fixed-size char arrays in structs. */
final class CStrings {
    private CStrings() {
    }

    /** The string in {@code b[offset, offset+max)}, up to the first NUL; the whole field if there is none. */
    static String read(ByteBuffer b, int offset, int max) {
        int end = offset;
        int limit = Math.min(offset + max, b.limit());
        while (end < limit && b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
