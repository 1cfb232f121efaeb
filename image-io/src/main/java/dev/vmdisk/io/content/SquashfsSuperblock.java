package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * The SquashFS superblock at byte 0 (squashfs_fs.h {@code struct squashfs_super_block}).
 *
 * @param compression {@code compression}: 1 gzip, 2 lzma, 3 lzo, 4 xz, 5 lz4, 6 zstd
 * @param major       {@code s_major}
 * @param minor       {@code s_minor}
 * @param bytesUsed   {@code bytes_used}
 */
record SquashfsSuperblock(int compression, int major, int minor, long bytesUsed) {
    static final int S_MAGIC = 0x00;
    static final int COMPRESSION = 0x14;
    static final int S_MAJOR = 0x1C;
    static final int S_MINOR = 0x1E;
    static final int BYTES_USED = 0x28;
    static final long MAGIC = 0x73717368L; // "hsqs"
    private static final String[] COMPRESSORS = {null, "gzip", "lzma", "lzo", "xz", "lz4", "zstd"};

    static boolean matches(ByteBuffer head) {
        return head.limit() >= 96 && Le.u32(head, S_MAGIC) == MAGIC;
    }

    static SquashfsSuperblock parse(ByteBuffer head) {
        return new SquashfsSuperblock(Le.u16(head, COMPRESSION), Le.u16(head, S_MAJOR), Le.u16(head, S_MINOR),
                Le.u64(head, BYTES_USED));
    }

    Found found() {
        String comp = compression > 0 && compression < COMPRESSORS.length ? COMPRESSORS[compression] : null;
        return new Found(ContentKind.SQUASHFS, new ContentFacts.Squashfs(major, minor, comp, bytesUsed), bytesUsed,
                null, null);
    }
}
