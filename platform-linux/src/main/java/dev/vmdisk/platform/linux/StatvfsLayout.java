package dev.vmdisk.platform.linux;

/** glibc {@code struct statvfs} on 64-bit Linux (x86_64 and aarch64 share it). */
final class StatvfsLayout {
    static final int SIZE = 112;
    static final int F_BSIZE = 0; // unsigned long
    static final int F_FRSIZE = 8; // unsigned long
    static final int F_BLOCKS = 16; // fsblkcnt_t
    static final int F_BFREE = 24; // fsblkcnt_t
    static final int F_BAVAIL = 32; // fsblkcnt_t
    static final int F_FILES = 40; // fsfilcnt_t
    static final int F_FFREE = 48; // fsfilcnt_t

    private StatvfsLayout() {
    }
}
