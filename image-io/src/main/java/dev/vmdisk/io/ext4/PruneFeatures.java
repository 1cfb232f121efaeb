package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;

/**
 * The ext features prune writes under, decided one by one. Removing a tree touches directory blocks,
 * inodes, xattr blocks, both bitmaps, group descriptors and the superblock, so a feature is allowed only
 * when prune keeps every structure it adds consistent:
 * <ul>
 * <li>allowed: has_journal (a clean, empty journal; nothing is logged, as e2fsck writes too), ext_attr
 *     (h_refcount kept), resize_inode, dir_index (entries leave leaf blocks as the kernel removes them; the
 *     hash index is untouched), sparse_super/sparse_super2/meta_bg (only the primary descriptors change, as
 *     the kernel does), filetype, extent, 64bit, flex_bg, huge_file, large_file, large_dir, dir_nlink (a
 *     parent whose count overflowed to 1 stays 1), extra_isize, uninit_bg (crc16 descriptors) and
 *     metadata_csum with metadata_csum_seed (mke2fs' default: every changed inode, directory block,
 *     bitmap, descriptor, xattr block and the superblock get their checksums rewritten), inline_data
 *     (an inline file or directory inside a removed tree owns no block; an inline pruned directory itself
 *     is refused), orphan_file (when empty), fast_commit (inside the clean journal), stable_inodes.</li>
 * <li>refused: quota and project (their usage inodes would need updating), bigalloc (clusters), ea_inode
 *     (values in inodes with their own counts), encrypt and casefold (names prune cannot compare),
 *     verity, mmp (another host may write), read-only, snapshot, replica, shared_blocks, compression,
 *     journal_dev, dirdata, and every bit it does not know.</li>
 * </ul>
 */
final class PruneFeatures {
    private PruneFeatures() {
    }

    static final long COMPAT = Features.COMPAT_HAS_JOURNAL | Features.COMPAT_EXT_ATTR | Features.COMPAT_RESIZE_INODE
            | Features.COMPAT_DIR_INDEX | Features.COMPAT_SPARSE_SUPER2 | Features.COMPAT_FAST_COMMIT
            | Features.COMPAT_STABLE_INODES | Features.COMPAT_ORPHAN_FILE;
    static final long INCOMPAT = Features.INCOMPAT_FILETYPE | Features.INCOMPAT_RECOVER | Features.INCOMPAT_META_BG
            | Features.INCOMPAT_EXTENTS | Features.INCOMPAT_64BIT | Features.INCOMPAT_FLEX_BG | Features.INCOMPAT_CSUM_SEED
            | Features.INCOMPAT_LARGEDIR | Features.INCOMPAT_INLINE_DATA;
    static final long RO_COMPAT = Features.RO_COMPAT_SPARSE_SUPER | Features.RO_COMPAT_LARGE_FILE
            | Features.RO_COMPAT_BTREE_DIR | Features.RO_COMPAT_HUGE_FILE | Features.RO_COMPAT_GDT_CSUM
            | Features.RO_COMPAT_DIR_NLINK | Features.RO_COMPAT_EXTRA_ISIZE | Features.RO_COMPAT_METADATA_CSUM
            | Features.RO_COMPAT_ORPHAN_PRESENT;

    /** Throws (exit 4, nothing written) when the file system uses a feature prune does not write under. */
    static void require(Ext4Volume volume) {
        Superblock sb = volume.superblock();
        long compat = sb.featureCompat() & ~COMPAT;
        long incompat = sb.featureIncompat() & ~INCOMPAT;
        long ro = sb.featureRoCompat() & ~RO_COMPAT;
        if (compat != 0 || incompat != 0 || ro != 0) {
            throw new BadInputException(volume.name() + ": refusing to prune: the ext file system uses "
                    + String.join(", ", Features.names(compat, incompat, ro))
                    + ", which vmdisk prune does not write under; remove the entries inside the running guest instead");
        }
    }
}
