package dev.vmdisk.io.ext4;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * The metadata_csum checksums prune rewrites, as the kernel computes them: a directory leaf block's tail
 * ({@code ext4_dirblock_csum}), a bitmap ({@code ext4_*_bitmap_csum_set}), an xattr block
 * ({@code ext4_xattr_block_csum}), an inode ({@link Inode#computeChecksum}) and the superblock
 * ({@code ext4_superblock_csum}). Group descriptors use {@link GroupDescriptor#expectedChecksum}.
 */
final class MetadataChecksums {
    /** The fake entry at the end of a checksummed directory block: inode 0, rec_len 12, name_len 0, file_type 0xDE. */
    static final int DIR_TAIL = 12;
    private static final int DIR_TAIL_FT = 0xDE;

    private MetadataChecksums() {
    }

    /** Whether the block ends in a directory tail whose checksum matches ({@code seed}: the directory inode's). */
    static boolean dirTailValid(ByteBuffer block, int bs, int seed) {
        int t = bs - DIR_TAIL;
        if (Le.u32(block, t) != 0 || Le.u16(block, t + 4) != DIR_TAIL || Le.u8(block, t + 6) != 0
                || Le.u8(block, t + 7) != DIR_TAIL_FT) {
            return false;
        }
        return Le.u32(block, t + 8) == dirBlock(block, bs, seed);
    }

    static long dirBlock(ByteBuffer block, int bs, int seed) {
        return Crc32c.update(seed, block, 0, bs - DIR_TAIL) & 0xFFFF_FFFFL;
    }

    static void setDirTail(ByteBuffer block, int bs, int seed) {
        LePut.u32(block, bs - DIR_TAIL + 8, dirBlock(block, bs, seed));
    }

    /** crc32c(fs seed, the bitmap's first {@code bytes} bytes). */
    static long bitmap(Superblock sb, ByteBuffer bitmap, int bytes) {
        return Crc32c.update(sb.checksumSeed(), bitmap, 0, bytes) & 0xFFFF_FFFFL;
    }

    /** crc32c(fs seed, le64 block number, the block with {@code h_checksum} as zero). */
    static long xattrBlock(Superblock sb, long blockNumber, ByteBuffer block) {
        int c = Crc32c.updateLe32(Crc32c.updateLe32(sb.checksumSeed(), blockNumber), blockNumber >>> 32);
        c = Crc32c.update(c, block, 0, PrunePlanner.XATTR_CHECKSUM);
        c = Crc32c.updateZeros(c, 4);
        int after = PrunePlanner.XATTR_CHECKSUM + 4;
        c = Crc32c.update(c, block, after, block.capacity() - after);
        return c & 0xFFFF_FFFFL;
    }

    /** Rewrites {@code i_checksum_lo} (and {@code _hi} where the inode has it) of inode {@code number} held in {@code raw}. */
    static void setInode(Superblock sb, ByteBuffer raw, long number) {
        if (!sb.metadataCsum()) {
            return;
        }
        Inode inode = Inode.parse(raw, 0, number, sb);
        long c = inode.computeChecksum(sb.checksumSeed());
        LePut.u16(raw, Inode.L_I_CHECKSUM_LO, c & 0xFFFF);
        if (inode.wideChecksum()) {
            LePut.u16(raw, Inode.I_CHECKSUM_HI, c >>> 16);
        }
    }

    /** {@code s_checksum}: crc32c(~0, the superblock up to the field). */
    static void setSuperblock(Superblock sb, ByteBuffer raw) {
        if (sb.metadataCsum()) {
            LePut.u32(raw, Superblock.S_CHECKSUM, Crc32c.update(~0, raw, 0, Superblock.S_CHECKSUM) & 0xFFFF_FFFFL);
        }
    }
}
