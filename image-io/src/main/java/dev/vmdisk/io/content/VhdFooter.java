package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * The VHD (Virtual PC) footer: the last 512 bytes of every VHD, and a copy at byte 0 of a dynamic or
 * differencing one (Microsoft's "Virtual Hard Disk Image Format Specification"), big-endian.
 *
 * @param diskType    {@code Disk Type}: 2 fixed, 3 dynamic, 4 differencing
 * @param virtualSize {@code Current Size}: the virtual disk's length in bytes
 */
record VhdFooter(long diskType, long virtualSize) {
    static final int LENGTH = 512;
    static final int CURRENT_SIZE = 48;
    static final int DISK_TYPE = 60;
    private static final byte[] COOKIE = {'c', 'o', 'n', 'e', 'c', 't', 'i', 'x'};

    /** Whether a footer starts at {@code offset} of {@code b}. */
    static boolean matches(ByteBuffer b, int offset) {
        return b.limit() - offset >= LENGTH && Bytes.equalAt(b, offset, COOKIE);
    }

    static VhdFooter parse(ByteBuffer b, int offset) {
        return new VhdFooter(Le.be32(b, offset + DISK_TYPE), Le.be64(b, offset + CURRENT_SIZE));
    }

    Found found() {
        return ForeignFormats.found(ContentKind.VHD, new ContentFacts.Vhd(diskType), virtualSize);
    }
}
