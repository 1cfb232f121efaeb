package dev.vmdisk.platform.macos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct radvisory}, the argument of {@code fcntl(F_RDADVISE)} (xnu {@code bsd/sys/fcntl.h}):
 * {@code { off_t ra_offset; int ra_count; }}, 16 bytes in user space (the int padded to 8). The kernel
 * starts reading {@code ra_count} bytes at {@code ra_offset} into the cache and returns: macOS's
 * {@code posix_fadvise(WILLNEED)}.
 */
record Radvisory(long offset, int count) {
    static final int SIZE = 16;
    static final int RA_OFFSET = 0; // off_t
    static final int RA_COUNT = 8; // int

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(RA_OFFSET, offset);
        b.putInt(RA_COUNT, count);
        return b.array();
    }
}
