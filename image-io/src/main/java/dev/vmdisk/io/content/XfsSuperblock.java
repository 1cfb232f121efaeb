package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The XFS superblock at byte 0, big-endian (xfs_format.h {@code struct xfs_dsb}).
 *
 * @param blockSize {@code sb_blocksize}
 * @param dataBlocks {@code sb_dblocks}
 * @param uuid      {@code sb_uuid}
 * @param label     {@code sb_fname}
 */
record XfsSuperblock(long blockSize, long dataBlocks, String uuid, String label) {
    static final int SB_MAGICNUM = 0x00;
    static final int SB_BLOCKSIZE = 0x04;
    static final int SB_DBLOCKS = 0x08;
    static final int SB_UUID = 0x20;
    static final int SB_FNAME = 0x6C;
    static final long MAGIC = 0x58465342L; // "XFSB"

    static boolean matches(ByteBuffer head) {
        return head.limit() >= 512 && Le.be32(head, SB_MAGICNUM) == MAGIC;
    }

    static XfsSuperblock parse(ByteBuffer head) {
        long dblocks = Le.be32(head, SB_DBLOCKS) << 32 | Le.be32(head, SB_DBLOCKS + 4);
        return new XfsSuperblock(Le.be32(head, SB_BLOCKSIZE), dblocks, Text.uuid(head, SB_UUID),
                Text.label(head, SB_FNAME, 12, StandardCharsets.UTF_8));
    }

    Found found() {
        long size = Found.bytes(dataBlocks, blockSize);
        return new Found(ContentKind.XFS, new ContentFacts.Volume(null, size, blockSize), size, label, uuid);
    }
}
