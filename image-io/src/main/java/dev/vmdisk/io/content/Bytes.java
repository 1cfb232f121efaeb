package dev.vmdisk.io.content;

import java.nio.ByteBuffer;

/** Byte-string comparisons at absolute offsets, for the magics that are text. */
final class Bytes {
    private Bytes() {
    }

    /** Whether {@code b} holds {@code expected} at {@code offset}; false when it is too short. */
    static boolean equalAt(ByteBuffer b, int offset, byte[] expected) {
        if (offset < 0 || offset + expected.length > b.limit()) {
            return false;
        }
        return b.slice(offset, expected.length).equals(ByteBuffer.wrap(expected));
    }
}
