package dev.vmdisk.io.ext4;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * The fields of an on-disk inode this reader uses. {@link #raw} keeps the whole inode (a copy)
 * for the block map ({@code i_block}) and in-inode extended attributes.
 */
public record Inode(long number, int mode, long size, int linksCount, long blocks512, long flags,
        long fileAcl, long dtime, ByteBuffer raw) {

    static final int I_MODE = 0x0;
    static final int I_SIZE_LO = 0x4;
    static final int I_CTIME = 0xC;
    static final int I_MTIME = 0x10;
    static final int I_DTIME = 0x14;
    static final int I_LINKS_COUNT = 0x1A;
    static final int I_BLOCKS_LO = 0x1C;
    static final int I_FLAGS = 0x20;
    static final int I_BLOCK = 0x28;
    static final int I_BLOCK_LENGTH = 60;
    static final int I_GENERATION = 0x64;
    static final int I_FILE_ACL_LO = 0x68;
    static final int I_SIZE_HIGH = 0x6C;
    static final int L_I_BLOCKS_HIGH = 0x74;
    static final int L_I_FILE_ACL_HIGH = 0x76;
    static final int L_I_CHECKSUM_LO = 0x7C;
    static final int I_EXTRA_ISIZE = 0x80;
    static final int I_CHECKSUM_HI = 0x82;
    static final int I_CTIME_EXTRA = 0x84;
    static final int I_MTIME_EXTRA = 0x88;
    static final int GOOD_OLD_INODE_SIZE = 128;

    static final long FL_INDEX = 0x1000;
    static final long FL_HUGE_FILE = 0x40000;
    static final long FL_EXTENTS = 0x80000;
    static final long FL_EA_INODE = 0x200000;
    static final long FL_INLINE_DATA = 0x10000000;

    static final int S_IFMT = 0xF000;
    static final int S_IFREG = 0x8000;
    static final int S_IFDIR = 0x4000;
    static final int S_IFLNK = 0xA000;

    /** Parses inode {@code number} from {@code inodeSize} bytes of {@code le} at absolute offset {@code at}. */
    static Inode parse(ByteBuffer le, int at, long number, Superblock sb) {
        ByteBuffer raw = ByteBuffer.allocate(sb.inodeSize());
        raw.put(0, le, at, sb.inodeSize());
        long flags = Le.u32(raw, I_FLAGS);
        long blocks = Le.u32(raw, I_BLOCKS_LO);
        if (sb.hasRoCompat(Features.RO_COMPAT_HUGE_FILE)) {
            blocks |= (long) Le.u16(raw, L_I_BLOCKS_HIGH) << 32;
            if ((flags & FL_HUGE_FILE) != 0) {
                blocks *= sb.blockSize() / 512;  // i_blocks counts file system blocks for huge files
            }
        }
        long acl = Le.u32(raw, I_FILE_ACL_LO) | (long) Le.u16(raw, L_I_FILE_ACL_HIGH) << 32;
        long size = Le.u64(Le.u32(raw, I_SIZE_LO), Le.u32(raw, I_SIZE_HIGH));
        return new Inode(number, Le.u16(raw, I_MODE), size, Le.u16(raw, I_LINKS_COUNT), blocks, flags, acl,
                Le.u32(raw, I_DTIME), raw);
    }

    /** {@code i_extra_isize}, or 0 for 128-byte inodes. */
    int extraIsize() {
        return raw.capacity() > GOOD_OLD_INODE_SIZE ? Le.u16(raw, I_EXTRA_ISIZE) : 0;
    }

    /** {@code ext4_inode_csum}: crc32c over inode number, generation and the inode with its checksum fields as zero. */
    boolean checksumValid(int fsSeed) {
        long stored = Le.u16(raw, L_I_CHECKSUM_LO);
        if (wideChecksum()) {
            stored |= (long) Le.u16(raw, I_CHECKSUM_HI) << 16;
            return computeChecksum(fsSeed) == stored;
        }
        return (computeChecksum(fsSeed) & 0xFFFF) == stored;
    }

    /** Whether the inode stores all 32 bits of its checksum ({@code i_checksum_hi} lies inside {@code i_extra_isize}). */
    boolean wideChecksum() {
        int extra = extraIsize();
        return raw.capacity() > GOOD_OLD_INODE_SIZE && extra >= 4 && GOOD_OLD_INODE_SIZE + extra <= raw.capacity();
    }

    /** The 32-bit {@code ext4_inode_csum} of {@link #raw} as it is now (its checksum fields counted as zero). */
    long computeChecksum(int fsSeed) {
        int seed = Crc32c.updateLe32(Crc32c.updateLe32(fsSeed, number), Le.u32(raw, I_GENERATION));
        int c = Crc32c.update(seed, raw, 0, L_I_CHECKSUM_LO);
        c = Crc32c.updateZeros(c, 2);
        c = Crc32c.update(c, raw, L_I_CHECKSUM_LO + 2, GOOD_OLD_INODE_SIZE - L_I_CHECKSUM_LO - 2);
        int size = raw.capacity();
        if (size > GOOD_OLD_INODE_SIZE) {
            c = Crc32c.update(c, raw, GOOD_OLD_INODE_SIZE, I_CHECKSUM_HI - GOOD_OLD_INODE_SIZE);
            int offset = I_CHECKSUM_HI;
            if (wideChecksum()) {
                c = Crc32c.updateZeros(c, 2);
                offset += 2;
            }
            c = Crc32c.update(c, raw, offset, size - offset);
        }
        return c & 0xFFFF_FFFFL;
    }

    /** {@code i_mtime} in seconds since 1970, with the epoch bits of {@code i_mtime_extra} where the inode has them. */
    public long mtimeSeconds() {
        return timeSeconds(I_MTIME, I_MTIME_EXTRA);
    }

    /** {@code i_ctime} in seconds since 1970, with the epoch bits of {@code i_ctime_extra} where the inode has them. */
    public long ctimeSeconds() {
        return timeSeconds(I_CTIME, I_CTIME_EXTRA);
    }

    /** A signed 32-bit time plus, when {@code i_extra_isize} covers its extra field, that field's two epoch bits (times past 2038). */
    private long timeSeconds(int field, int extraField) {
        long seconds = (int) Le.u32(raw, field); // signed: times before 1970 are negative
        if (raw.capacity() > GOOD_OLD_INODE_SIZE && GOOD_OLD_INODE_SIZE + extraIsize() >= extraField + 4) {
            seconds += (Le.u32(raw, extraField) & 3) << 32;
        }
        return seconds;
    }

    /** The seed of this inode's extent and directory block checksums: crc32c(fs seed, number, generation). */
    int checksumSeed(int fsSeed) {
        return Crc32c.updateLe32(Crc32c.updateLe32(fsSeed, number), Le.u32(raw, I_GENERATION));
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isRegular() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    boolean hasExtents() {
        return (flags & FL_EXTENTS) != 0;
    }

    boolean hasInlineData() {
        return (flags & FL_INLINE_DATA) != 0;
    }

    /**
     * Bytes the inode occupies, as the guest's {@code stat} reports them to {@code du}: {@code i_blocks}
     * in 512-byte units, plus, for a regular file with inline data, its size rounded up to 512 bytes
     * (the kernel's {@code ext4_file_getattr} adds that so such files do not look sparse).
     */
    public long allocatedBytes() {
        long sectors = blocks512;
        if (hasInlineData() && isRegular()) {
            sectors += (size + 511) >>> 9;
        }
        return sectors * 512;
    }

    /**
     * Whether {@code i_block} holds a block map (extents or block pointers) rather than device numbers,
     * inline data or a fast symlink's target.
     */
    boolean hasBlockMap() {
        if (hasInlineData()) {
            return false;
        }
        if (hasExtents()) {
            return true;
        }
        if (isSymlink()) {
            return size >= I_BLOCK_LENGTH;  // e2fsprogs' ext2fs_is_fast_symlink
        }
        return isRegular() || isDirectory();
    }
}
