package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The fields of an ext2/3/4 superblock (1024 bytes at byte 1024) that tell the three apart.
 * Which one it is follows blkid: ext4 when it uses any feature ext3 lacks, else ext3 when it has a journal.
 *
 * @param logBlockSize {@code s_log_block_size}: block size is {@code 1024 << logBlockSize}
 * @param blocksCount  {@code s_blocks_count_lo | s_blocks_count_hi << 32} (hi only with INCOMPAT_64BIT)
 * @param compat       {@code s_feature_compat}
 * @param incompat     {@code s_feature_incompat}
 * @param roCompat     {@code s_feature_ro_compat}
 * @param uuid         {@code s_uuid}
 * @param label        {@code s_volume_name}
 */
record ExtSuperblock(int logBlockSize, long blocksCount, long compat, long incompat, long roCompat,
                     String uuid, String label) {
    static final int AT = 1024;
    static final int SIZE = 1024;
    static final int S_BLOCKS_COUNT_LO = 0x04;
    static final int S_LOG_BLOCK_SIZE = 0x18;
    static final int S_MAGIC = 0x38;
    static final int S_FEATURE_COMPAT = 0x5C;
    static final int S_FEATURE_INCOMPAT = 0x60;
    static final int S_FEATURE_RO_COMPAT = 0x64;
    static final int S_UUID = 0x68;
    static final int S_VOLUME_NAME = 0x78;
    static final int S_BLOCKS_COUNT_HI = 0x150;
    static final int MAGIC = 0xEF53;
    /** 64 KiB blocks, the largest ext4 allows. */
    static final int MAX_LOG_BLOCK_SIZE = 6;

    static final long COMPAT_HAS_JOURNAL = 0x4;
    static final long INCOMPAT_JOURNAL_DEV = 0x8;
    static final long INCOMPAT_64BIT = 0x80;
    /** FILETYPE | RECOVER | META_BG: the incompatible features ext3 knows. */
    static final long EXT3_INCOMPAT = 0x2 | 0x4 | 0x10;
    /** SPARSE_SUPER | LARGE_FILE | BTREE_DIR: the read-only-compatible features ext3 knows. */
    static final long EXT3_RO_COMPAT = 0x1 | 0x2 | 0x4;

    /** The magic, and a block size ext could have; a stray 0xEF53 alone is not enough. */
    static boolean matches(ByteBuffer head) {
        return head.limit() >= AT + SIZE && Le.u16(head, AT + S_MAGIC) == MAGIC
                && Le.u32(head, AT + S_LOG_BLOCK_SIZE) <= MAX_LOG_BLOCK_SIZE;
    }

    static ExtSuperblock parse(ByteBuffer head) {
        long incompat = Le.u32(head, AT + S_FEATURE_INCOMPAT);
        long hi = (incompat & INCOMPAT_64BIT) != 0 ? Le.u32(head, AT + S_BLOCKS_COUNT_HI) : 0;
        return new ExtSuperblock((int) Le.u32(head, AT + S_LOG_BLOCK_SIZE),
                Le.u64(Le.u32(head, AT + S_BLOCKS_COUNT_LO), hi), Le.u32(head, AT + S_FEATURE_COMPAT), incompat,
                Le.u32(head, AT + S_FEATURE_RO_COMPAT), Text.uuid(head, AT + S_UUID),
                Text.label(head, AT + S_VOLUME_NAME, 16, StandardCharsets.UTF_8));
    }

    int blockSize() {
        return 1024 << logBlockSize;
    }

    ContentKind kind() {
        if ((incompat & ~EXT3_INCOMPAT) != 0 || (roCompat & ~EXT3_RO_COMPAT) != 0) {
            return ContentKind.EXT4;
        }
        return (compat & COMPAT_HAS_JOURNAL) != 0 ? ContentKind.EXT3 : ContentKind.EXT2;
    }

    Found found() {
        long size = Found.bytes(blocksCount, blockSize());
        return new Found(kind(), new ContentFacts.Ext(size, blockSize(), (incompat & INCOMPAT_JOURNAL_DEV) != 0), size,
                label, uuid);
    }
}
