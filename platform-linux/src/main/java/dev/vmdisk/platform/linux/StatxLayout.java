package dev.vmdisk.platform.linux;

/**
 * {@code struct statx} (include/uapi/linux/stat.h): the same layout on every Linux architecture.
 * Offsets from the facts file, checked by a test against a real call.
 */
final class StatxLayout {
    static final int SIZE = 256;
    static final int STX_BLKSIZE = 0x04; // u32
    static final int STX_ATTRIBUTES = 0x08; // u64, STATX_ATTR_* bits
    static final int STX_ATTRIBUTES_MASK = 0x38; // u64, which STATX_ATTR_* bits this file system reports
    static final int STX_MODE = 0x1c; // u16
    static final int STX_INO = 0x20; // u64
    static final int STX_SIZE = 0x28; // u64
    static final int STX_BLOCKS = 0x30; // u64, 512-byte units
    static final int STX_DEV_MAJOR = 0x88; // u32
    static final int STX_DEV_MINOR = 0x8c; // u32

    /** {@code chattr +i} and {@code chattr +a}: no write at all, or appends only (so no hole punching). */
    static final long STATX_ATTR_IMMUTABLE = 0x10;
    static final long STATX_ATTR_APPEND = 0x20;

    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFDIR = 0040000;

    private StatxLayout() {
    }
}
