package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The ext2/3/4 superblock: the 1024 bytes at byte 1024 of the file system. {@link #parse} checks
 * every field later code trusts (geometry, counts against the image size), so nothing built on it
 * can index outside the image or allocate from a corrupt count.
 */
public record Superblock(
        long inodesCount, long blocksCount, long freeBlocksCount, long freeInodesCount, long firstDataBlock,
        int blockSize, long blocksPerGroup, long inodesPerGroup, int magic, int state, long revLevel,
        long firstIno, int inodeSize, long featureCompat, long featureIncompat, long featureRoCompat,
        byte[] uuid, String volumeName, int reservedGdtBlocks, long journalInum, long lastOrphan,
        int descSize, long firstMetaBg, int logGroupsPerFlex, int checksumType, long backupBg0,
        long backupBg1, long checksumSeedField, long checksum, boolean checksumValid) {

    public static final int OFFSET_IN_FS = 1024;
    public static final int SIZE = 1024;
    public static final int EXT4_MAGIC = 0xEF53;

    static final int S_INODES_COUNT = 0x0;
    static final int S_BLOCKS_COUNT_LO = 0x4;
    static final int S_FREE_BLOCKS_COUNT_LO = 0xC;
    static final int S_FREE_INODES_COUNT = 0x10;
    static final int S_FIRST_DATA_BLOCK = 0x14;
    static final int S_LOG_BLOCK_SIZE = 0x18;
    static final int S_LOG_CLUSTER_SIZE = 0x1C;
    static final int S_BLOCKS_PER_GROUP = 0x20;
    static final int S_INODES_PER_GROUP = 0x28;
    static final int S_MAGIC = 0x38;
    static final int S_STATE = 0x3A;
    static final int S_REV_LEVEL = 0x4C;
    static final int S_FIRST_INO = 0x54;
    static final int S_INODE_SIZE = 0x58;
    static final int S_FEATURE_COMPAT = 0x5C;
    static final int S_FEATURE_INCOMPAT = 0x60;
    static final int S_FEATURE_RO_COMPAT = 0x64;
    static final int S_UUID = 0x68;
    static final int S_VOLUME_NAME = 0x78;
    static final int S_RESERVED_GDT_BLOCKS = 0xCE;
    static final int S_JOURNAL_INUM = 0xE0;
    static final int S_LAST_ORPHAN = 0xE8;
    static final int S_DESC_SIZE = 0xFE;
    static final int S_FIRST_META_BG = 0x104;
    static final int S_BLOCKS_COUNT_HI = 0x150;
    static final int S_FREE_BLOCKS_COUNT_HI = 0x158;
    static final int S_LOG_GROUPS_PER_FLEX = 0x174;
    static final int S_CHECKSUM_TYPE = 0x175;
    static final int S_BACKUP_BGS = 0x24C;
    static final int S_CHECKSUM_SEED = 0x270;
    static final int S_CHECKSUM = 0x3FC;

    /** {@code s_state} bits. */
    static final int STATE_VALID = 0x1;
    static final int STATE_ERROR = 0x2;
    static final int STATE_ORPHANS = 0x4;

    /**
     * Reads the superblock from {@code le} (its 1024 bytes at absolute offsets 0..1023) and checks it
     * against {@code fsSize}, the bytes the file system may occupy in the image.
     */
    public static Superblock parse(ByteBuffer le, Path image, long fsSize) {
        return parse(le, image, fsSize, false);
    }

    /** As {@link #parse(ByteBuffer, Path, long)}; {@code inPartition} says the file system is a partition's, for messages. */
    public static Superblock parse(ByteBuffer le, Path image, long fsSize, boolean inPartition) {
        if (le.limit() < SIZE) {
            throw bad(image, "the image ends before the end of the superblock (" + fsSize + " bytes)");
        }
        int magic = Le.u16(le, S_MAGIC);
        if (magic != EXT4_MAGIC) {
            throw bad(image, String.format("no ext2/3/4 superblock: magic at byte %d is 0x%04x, not 0xef53",
                    OFFSET_IN_FS + S_MAGIC, magic));
        }
        long logBlockSize = Le.u32(le, S_LOG_BLOCK_SIZE);
        if (logBlockSize > 6) {
            throw corrupt(image, "s_log_block_size", S_LOG_BLOCK_SIZE, logBlockSize, "more than 64 KiB blocks");
        }
        int blockSize = 1024 << logBlockSize;
        long incompat = Le.u32(le, S_FEATURE_INCOMPAT);
        long roCompat = Le.u32(le, S_FEATURE_RO_COMPAT);
        boolean is64 = (incompat & Features.INCOMPAT_64BIT) != 0;
        long blocksCount = Le.u64(Le.u32(le, S_BLOCKS_COUNT_LO), is64 ? Le.u32(le, S_BLOCKS_COUNT_HI) : 0);
        long freeBlocks = Le.u64(Le.u32(le, S_FREE_BLOCKS_COUNT_LO), is64 ? Le.u32(le, S_FREE_BLOCKS_COUNT_HI) : 0);
        long firstDataBlock = Le.u32(le, S_FIRST_DATA_BLOCK);
        long blocksPerGroup = Le.u32(le, S_BLOCKS_PER_GROUP);
        long inodesPerGroup = Le.u32(le, S_INODES_PER_GROUP);
        long inodesCount = Le.u32(le, S_INODES_COUNT);
        long revLevel = Le.u32(le, S_REV_LEVEL);
        long bitsPerBlock = 8L * blockSize;

        if (firstDataBlock > 1 || (blockSize == 1024) != (firstDataBlock == 1)
                && (roCompat & Features.RO_COMPAT_BIGALLOC) == 0) {
            throw corrupt(image, "s_first_data_block", S_FIRST_DATA_BLOCK, firstDataBlock,
                    "must be 1 for 1 KiB blocks and 0 otherwise");
        }
        if (blocksCount <= firstDataBlock || blocksCount < 0) {
            throw corrupt(image, "s_blocks_count", S_BLOCKS_COUNT_LO, blocksCount, "no room for a block group");
        }
        if (blocksCount > fsSize / blockSize) {
            // In a partition the image is long enough (the partition table was checked against it): the table
            // gives the partition too little, or the block count is corrupt. Only a whole-image file system
            // can mean a truncated copy.
            throw bad(image, "the ext file system claims " + blocksCount + " blocks of " + blockSize + " bytes ("
                    + blocksCount * blockSize + " bytes), more than the " + fsSize + " bytes "
                    + (inPartition ? "of its partition: the partition table makes the partition too small, or the"
                            + " superblock is corrupt; compare the table (sfdisk -d) with the file system (dumpe2fs -h)"
                            : "of the image: the image was cut short (truncated), or the superblock is corrupt;"
                            + " use a complete copy"));
        }
        long logCluster = Le.u32(le, S_LOG_CLUSTER_SIZE);
        long clusterRatio = 1;
        if ((roCompat & Features.RO_COMPAT_BIGALLOC) != 0) {
            if (logCluster < logBlockSize || logCluster - logBlockSize > 16) {
                throw corrupt(image, "s_log_cluster_size", S_LOG_CLUSTER_SIZE, logCluster,
                        "clusters must be 1 to 65536 blocks");
            }
            clusterRatio = 1L << (logCluster - logBlockSize);
        }
        if (blocksPerGroup < 8 || blocksPerGroup > bitsPerBlock * clusterRatio || blocksPerGroup % 8 != 0) {
            throw corrupt(image, "s_blocks_per_group", S_BLOCKS_PER_GROUP, blocksPerGroup,
                    "must be a multiple of 8 and at most " + bitsPerBlock * clusterRatio);
        }
        if (inodesPerGroup < 1 || inodesPerGroup > bitsPerBlock || inodesPerGroup % 8 != 0) {
            throw corrupt(image, "s_inodes_per_group", S_INODES_PER_GROUP, inodesPerGroup,
                    "must be a multiple of 8 and at most " + bitsPerBlock);
        }
        long groups = (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
        if (inodesCount != groups * inodesPerGroup) {  // the kernel and e2fsprogs insist on this too
            throw corrupt(image, "s_inodes_count", S_INODES_COUNT, inodesCount,
                    "must be " + groups + " groups times " + inodesPerGroup + " inodes");
        }
        int inodeSize = revLevel == 0 ? 128 : Le.u16(le, S_INODE_SIZE);
        if (inodeSize < 128 || inodeSize > blockSize || Integer.bitCount(inodeSize) != 1) {
            throw corrupt(image, "s_inode_size", S_INODE_SIZE, inodeSize, "must be a power of two from 128 to the block size");
        }
        long firstIno = revLevel == 0 ? 11 : Le.u32(le, S_FIRST_INO);
        if (firstIno < 11 || firstIno > inodesCount) {
            throw corrupt(image, "s_first_ino", S_FIRST_INO, firstIno, "must be between 11 and s_inodes_count");
        }
        int descSize = 32;
        if (is64) {
            descSize = Le.u16(le, S_DESC_SIZE);
            if (descSize < 64 || descSize > 1024 || Integer.bitCount(descSize) != 1) {
                throw corrupt(image, "s_desc_size", S_DESC_SIZE, descSize, "must be a power of two from 64 to 1024");
            }
        }
        byte[] uuid = new byte[16];
        le.get(S_UUID, uuid);
        byte[] name = new byte[16];
        le.get(S_VOLUME_NAME, name);
        int nameLength = 0;
        while (nameLength < name.length && name[nameLength] != 0) {
            nameLength++;
        }
        int checksumType = Le.u8(le, S_CHECKSUM_TYPE);
        long checksum = Le.u32(le, S_CHECKSUM);
        boolean checksumValid = true;
        if ((roCompat & Features.RO_COMPAT_METADATA_CSUM) != 0) {
            checksumValid = checksumType == 1
                    && (Crc32c.update(~0, le, 0, S_CHECKSUM) & 0xFFFF_FFFFL) == checksum;
        }
        return new Superblock(inodesCount, blocksCount, freeBlocks, Le.u32(le, S_FREE_INODES_COUNT), firstDataBlock,
                blockSize, blocksPerGroup, inodesPerGroup, magic, Le.u16(le, S_STATE), revLevel, firstIno, inodeSize,
                Le.u32(le, S_FEATURE_COMPAT), incompat, roCompat, uuid,
                new String(name, 0, nameLength, StandardCharsets.UTF_8), Le.u16(le, S_RESERVED_GDT_BLOCKS),
                Le.u32(le, S_JOURNAL_INUM), Le.u32(le, S_LAST_ORPHAN), descSize, Le.u32(le, S_FIRST_META_BG),
                Le.u8(le, S_LOG_GROUPS_PER_FLEX), checksumType, Le.u32(le, S_BACKUP_BGS),
                Le.u32(le, S_BACKUP_BGS + 4), Le.u32(le, S_CHECKSUM_SEED), checksum, checksumValid);
    }

    private static BadInputException corrupt(Path image, String field, int offset, long value, String why) {
        return bad(image, "corrupt ext superblock: " + field + " at byte " + (OFFSET_IN_FS + offset) + " is "
                + value + " (" + why + "); run e2fsck on the image");
    }

    private static BadInputException bad(Path image, String message) {
        return new BadInputException(image + ": " + message);
    }

    /** Number of block groups: {@code ceil((s_blocks_count - s_first_data_block) / s_blocks_per_group)}. */
    public long groupCount() {
        return (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
    }

    /** Group descriptors per block: block size / {@code s_desc_size}. */
    public int descriptorsPerBlock() {
        return blockSize / descSize;
    }

    public boolean hasCompat(long bit) {
        return (featureCompat & bit) != 0;
    }

    public boolean hasIncompat(long bit) {
        return (featureIncompat & bit) != 0;
    }

    public boolean hasRoCompat(long bit) {
        return (featureRoCompat & bit) != 0;
    }

    public boolean metadataCsum() {
        return hasRoCompat(Features.RO_COMPAT_METADATA_CSUM);
    }

    /** Whether group descriptors carry a checksum and the {@code *_UNINIT} flags mean anything. */
    public boolean groupChecksums() {
        return metadataCsum() || hasRoCompat(Features.RO_COMPAT_GDT_CSUM);
    }

    /** The seed of every metadata_csum checksum: {@code s_checksum_seed} or crc32c(~0, s_uuid). */
    int checksumSeed() {
        if (hasIncompat(Features.INCOMPAT_CSUM_SEED)) {
            return (int) checksumSeedField;
        }
        return Crc32c.update(~0, ByteBuffer.wrap(uuid), 0, 16);
    }

    /** {@code s_uuid} in the usual 8-4-4-4-12 form. */
    public String uuidString() {
        String h = HexFormat.of().formatHex(uuid);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    /** Whether group {@code g} holds a superblock backup and descriptor copy (sparse_super / sparse_super2 rules). */
    public boolean groupHasSuper(long g) {
        if (g == 0) {
            return true;
        }
        if (hasCompat(Features.COMPAT_SPARSE_SUPER2)) {
            return g == backupBg0 || g == backupBg1;
        }
        if (g <= 1 || !hasRoCompat(Features.RO_COMPAT_SPARSE_SUPER)) {
            return true;
        }
        if ((g & 1) == 0) {
            return false;
        }
        return isPowerOf(g, 3) || isPowerOf(g, 5) || isPowerOf(g, 7);
    }

    private static boolean isPowerOf(long g, int base) {
        long n = g;
        while (n % base == 0) {
            n /= base;
        }
        return n == 1;
    }
}
