package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;

import java.nio.ByteBuffer;

/**
 * Checks the free counts against the bitmaps: each group descriptor's free blocks and free inodes equal
 * the clear bits of its bitmaps (groups whose bitmap is still uninitialised are skipped: they have no
 * bitmap to count), and, when asked, the superblock's totals equal the descriptors' sums. Prune changes
 * counts by what it frees, so they must be right before and are checked again after.
 */
final class BitmapCounts {
    private BitmapCounts() {
    }

    /** Throws naming the first group or total that disagrees; {@code what} says when ("before pruning"). */
    static void check(Ext4Volume volume, boolean superblockToo, String what) {
        Superblock sb = volume.superblock();
        GroupTable groups = volume.groups();
        BlockReader reader = volume.reader();
        ByteBuffer bitmap = reader.newBlockBuffer();
        long blocks = 0;
        long inodes = 0;
        for (long g = 0; g < groups.count(); g++) {
            GroupDescriptor d = groups.get(g);
            blocks += d.freeBlocks();
            inodes += d.freeInodes();
            if (!(sb.groupChecksums() && d.blockUninit())) {
                reader.readBlock(d.blockBitmap(), bitmap, "block bitmap of group " + g);
                long free = clearBits(bitmap, (int) groups.blocksInGroup(g));
                if (free != d.freeBlocks()) {
                    throw mismatch(volume, what, "group " + g + " counts " + d.freeBlocks() + " free blocks but its bitmap has " + free);
                }
            }
            if (!(sb.groupChecksums() && d.inodeUninit())) {
                reader.readBlock(d.inodeBitmap(), bitmap, "inode bitmap of group " + g);
                long free = clearBits(bitmap, (int) sb.inodesPerGroup());
                if (free != d.freeInodes()) {
                    throw mismatch(volume, what, "group " + g + " counts " + d.freeInodes() + " free inodes but its bitmap has " + free);
                }
            }
        }
        if (superblockToo && (blocks != sb.freeBlocksCount() || inodes != sb.freeInodesCount())) {
            throw mismatch(volume, what, "the superblock counts " + sb.freeBlocksCount() + " free blocks and "
                    + sb.freeInodesCount() + " free inodes, the groups " + blocks + " and " + inodes);
        }
    }

    static long clearBits(ByteBuffer bitmap, int bits) {
        long set = 0;
        int whole = bits >>> 3;
        for (int i = 0; i < whole; i++) {
            set += Integer.bitCount(bitmap.get(i) & 0xFF);
        }
        for (int i = whole << 3; i < bits; i++) {
            set += (bitmap.get(i >>> 3) >>> (i & 7)) & 1;
        }
        return bits - set;
    }

    private static BadInputException mismatch(Ext4Volume volume, String what, String detail) {
        return new BadInputException(volume.name() + ": " + what + ": the ext free counts disagree with the bitmaps ("
                + detail + "); run e2fsck -f on the image");
    }
}
