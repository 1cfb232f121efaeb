package dev.vmdisk.io.ext4;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * One block group descriptor (32 bytes, or {@code s_desc_size} bytes with the 64bit feature).
 * Block numbers are checked by {@link GroupTable}, which knows the file system's size.
 */
public record GroupDescriptor(long group, long blockBitmap, long inodeBitmap, long inodeTable, long freeBlocks,
        long freeInodes, int flags, long blockBitmapCsum, long inodeBitmapCsum, long itableUnused, int checksum,
        boolean checksumValid) {

    static final int BG_BLOCK_BITMAP_LO = 0x0;
    static final int BG_INODE_BITMAP_LO = 0x4;
    static final int BG_INODE_TABLE_LO = 0x8;
    static final int BG_FREE_BLOCKS_COUNT_LO = 0xC;
    static final int BG_FREE_INODES_COUNT_LO = 0xE;
    static final int BG_FLAGS = 0x12;
    static final int BG_BLOCK_BITMAP_CSUM_LO = 0x18;
    static final int BG_INODE_BITMAP_CSUM_LO = 0x1A;
    static final int BG_ITABLE_UNUSED_LO = 0x1C;
    static final int BG_CHECKSUM = 0x1E;
    static final int BG_BLOCK_BITMAP_HI = 0x20;
    static final int BG_INODE_BITMAP_HI = 0x24;
    static final int BG_INODE_TABLE_HI = 0x28;
    static final int BG_FREE_BLOCKS_COUNT_HI = 0x2C;
    static final int BG_FREE_INODES_COUNT_HI = 0x2E;
    static final int BG_ITABLE_UNUSED_HI = 0x32;
    static final int BG_BLOCK_BITMAP_CSUM_HI = 0x38;
    static final int BG_INODE_BITMAP_CSUM_HI = 0x3A;

    /** {@code bg_flags}: the inode table and bitmap are not initialised. */
    public static final int INODE_UNINIT = 0x1;
    /** {@code bg_flags}: the block bitmap is not initialised; the group's blocks are free but for its metadata. */
    public static final int BLOCK_UNINIT = 0x2;

    /** Parses the descriptor of {@code group} at absolute offset {@code at} of {@code le}. */
    static GroupDescriptor parse(ByteBuffer le, int at, long group, Superblock sb) {
        boolean wide = sb.descSize() >= 64;
        long blockBitmap = Le.u64(Le.u32(le, at + BG_BLOCK_BITMAP_LO), wide ? Le.u32(le, at + BG_BLOCK_BITMAP_HI) : 0);
        long inodeBitmap = Le.u64(Le.u32(le, at + BG_INODE_BITMAP_LO), wide ? Le.u32(le, at + BG_INODE_BITMAP_HI) : 0);
        long inodeTable = Le.u64(Le.u32(le, at + BG_INODE_TABLE_LO), wide ? Le.u32(le, at + BG_INODE_TABLE_HI) : 0);
        long freeBlocks = Le.u16(le, at + BG_FREE_BLOCKS_COUNT_LO) | (wide ? (long) Le.u16(le, at + BG_FREE_BLOCKS_COUNT_HI) << 16 : 0);
        long freeInodes = Le.u16(le, at + BG_FREE_INODES_COUNT_LO) | (wide ? (long) Le.u16(le, at + BG_FREE_INODES_COUNT_HI) << 16 : 0);
        long itableUnused = Le.u16(le, at + BG_ITABLE_UNUSED_LO) | (wide ? (long) Le.u16(le, at + BG_ITABLE_UNUSED_HI) << 16 : 0);
        long bbCsum = Le.u16(le, at + BG_BLOCK_BITMAP_CSUM_LO)
                | (sb.descSize() >= BG_BLOCK_BITMAP_CSUM_HI + 2 ? (long) Le.u16(le, at + BG_BLOCK_BITMAP_CSUM_HI) << 16 : 0);
        long ibCsum = Le.u16(le, at + BG_INODE_BITMAP_CSUM_LO)
                | (sb.descSize() >= BG_INODE_BITMAP_CSUM_HI + 2 ? (long) Le.u16(le, at + BG_INODE_BITMAP_CSUM_HI) << 16 : 0);
        int checksum = Le.u16(le, at + BG_CHECKSUM);
        boolean valid = !sb.groupChecksums() || expectedChecksum(le, at, group, sb) == checksum;
        return new GroupDescriptor(group, blockBitmap, inodeBitmap, inodeTable, freeBlocks, freeInodes,
                Le.u16(le, at + BG_FLAGS), bbCsum, ibCsum, itableUnused, checksum, valid);
    }

    /** {@code ext4_group_desc_csum}: crc32c under metadata_csum, crc16 under gdt_csum, the checksum field counted as zero. */
    static int expectedChecksum(ByteBuffer le, int at, long group, Superblock sb) {
        int size = sb.descSize();
        int after = BG_CHECKSUM + 2;
        if (sb.metadataCsum()) {
            int c = Crc32c.updateLe32(sb.checksumSeed(), group);
            c = Crc32c.update(c, le, at, BG_CHECKSUM);
            c = Crc32c.updateZeros(c, 2);
            c = Crc32c.update(c, le, at + after, size - after);
            return c & 0xFFFF;
        }
        int c = Crc16.update(0xFFFF, ByteBuffer.wrap(sb.uuid()), 0, 16);
        c = Crc16.updateLe32(c, group);
        c = Crc16.update(c, le, at, BG_CHECKSUM);
        if (sb.hasIncompat(Features.INCOMPAT_64BIT) && size > after) {
            c = Crc16.update(c, le, at + after, size - after);
        }
        return c & 0xFFFF;
    }

    /** Whether {@code bg_flags} says the block bitmap was never written (only meaningful with group checksums). */
    public boolean blockUninit() {
        return (flags & BLOCK_UNINIT) != 0;
    }

    public boolean inodeUninit() {
        return (flags & INODE_UNINIT) != 0;
    }
}
