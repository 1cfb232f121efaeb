package dev.vmdisk.io.ext4;

import java.util.ArrayList;
import java.util.List;

/** The feature bits of {@code s_feature_compat}, {@code s_feature_incompat} and {@code s_feature_ro_compat}. */
final class Features {
    private Features() {
    }

    static final long COMPAT_HAS_JOURNAL = 0x4;
    static final long COMPAT_EXT_ATTR = 0x8;
    static final long COMPAT_RESIZE_INODE = 0x10;
    static final long COMPAT_DIR_INDEX = 0x20;
    static final long COMPAT_SPARSE_SUPER2 = 0x200;
    static final long COMPAT_FAST_COMMIT = 0x400;
    static final long COMPAT_STABLE_INODES = 0x800;
    static final long COMPAT_ORPHAN_FILE = 0x1000;

    /**
     * Compatible features whose blocks this reader accounts for. A compat bit only means an old kernel
     * may mount the file system read-write; it says nothing about whether an offline reader may free
     * blocks, so an unknown one refuses trim like an unknown incompat bit. Debian 12's mke2fs sets
     * has_journal, ext_attr, resize_inode and dir_index. The fast-commit area lies inside the journal
     * inode, the orphan file is an ordinary in-use inode, and stable_inodes changes no allocation.
     * Not here: dir_prealloc, imagic_inodes, lazy_bg and the snapshot patches' exclude_inode (0x80,
     * which dumpe2fs calls FEATURE_C7) and exclude_bitmap (snapshot_bitmap), which reserve or account
     * blocks in ways this reader does not follow.
     */
    static final long COMPAT_TRIMMABLE = COMPAT_HAS_JOURNAL | COMPAT_EXT_ATTR | COMPAT_RESIZE_INODE
            | COMPAT_DIR_INDEX | COMPAT_SPARSE_SUPER2 | COMPAT_FAST_COMMIT | COMPAT_STABLE_INODES | COMPAT_ORPHAN_FILE;

    static final long INCOMPAT_COMPRESSION = 0x1;
    static final long INCOMPAT_FILETYPE = 0x2;
    static final long INCOMPAT_RECOVER = 0x4;
    static final long INCOMPAT_JOURNAL_DEV = 0x8;
    static final long INCOMPAT_META_BG = 0x10;
    static final long INCOMPAT_EXTENTS = 0x40;
    static final long INCOMPAT_64BIT = 0x80;
    static final long INCOMPAT_MMP = 0x100;
    static final long INCOMPAT_FLEX_BG = 0x200;
    static final long INCOMPAT_EA_INODE = 0x400;
    static final long INCOMPAT_DIRDATA = 0x1000;
    static final long INCOMPAT_CSUM_SEED = 0x2000;
    static final long INCOMPAT_LARGEDIR = 0x4000;
    static final long INCOMPAT_INLINE_DATA = 0x8000;
    static final long INCOMPAT_ENCRYPT = 0x10000;
    static final long INCOMPAT_CASEFOLD = 0x20000;

    /** Incompatible features this reader understands well enough to read directories and block maps. */
    static final long INCOMPAT_READABLE = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG
            | INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_MMP | INCOMPAT_FLEX_BG | INCOMPAT_EA_INODE
            | INCOMPAT_CSUM_SEED | INCOMPAT_LARGEDIR | INCOMPAT_INLINE_DATA | INCOMPAT_ENCRYPT | INCOMPAT_CASEFOLD;

    static final long RO_COMPAT_SPARSE_SUPER = 0x1;
    static final long RO_COMPAT_LARGE_FILE = 0x2;
    static final long RO_COMPAT_BTREE_DIR = 0x4;
    static final long RO_COMPAT_HUGE_FILE = 0x8;
    static final long RO_COMPAT_GDT_CSUM = 0x10;
    static final long RO_COMPAT_DIR_NLINK = 0x20;
    static final long RO_COMPAT_EXTRA_ISIZE = 0x40;
    static final long RO_COMPAT_HAS_SNAPSHOT = 0x80;
    static final long RO_COMPAT_QUOTA = 0x100;
    static final long RO_COMPAT_BIGALLOC = 0x200;
    static final long RO_COMPAT_METADATA_CSUM = 0x400;
    static final long RO_COMPAT_REPLICA = 0x800;
    static final long RO_COMPAT_READONLY = 0x1000;
    static final long RO_COMPAT_PROJECT = 0x2000;
    static final long RO_COMPAT_SHARED_BLOCKS = 0x4000;
    static final long RO_COMPAT_VERITY = 0x8000;
    static final long RO_COMPAT_ORPHAN_PRESENT = 0x10000;

    /** Read-only-compatible features whose block allocation this reader knows (everything but snapshots, bigalloc, shared blocks). */
    static final long RO_COMPAT_TRIMMABLE = RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE | RO_COMPAT_BTREE_DIR
            | RO_COMPAT_HUGE_FILE | RO_COMPAT_GDT_CSUM | RO_COMPAT_DIR_NLINK | RO_COMPAT_EXTRA_ISIZE
            | RO_COMPAT_QUOTA | RO_COMPAT_METADATA_CSUM | RO_COMPAT_READONLY | RO_COMPAT_PROJECT
            | RO_COMPAT_VERITY | RO_COMPAT_ORPHAN_PRESENT;

    private static final String[] COMPAT_NAMES = {"dir_prealloc", "imagic_inodes", "has_journal", "ext_attr",
        "resize_inode", "dir_index", "lazy_bg", null, "snapshot_bitmap", "sparse_super2",
        "fast_commit", "stable_inodes", "orphan_file"};
    private static final String[] INCOMPAT_NAMES = {"compression", "filetype", "needs_recovery", "journal_dev",
        "meta_bg", null, "extent", "64bit", "mmp", "flex_bg", "ea_inode", null, "dirdata", "metadata_csum_seed",
        "large_dir", "inline_data", "encrypt", "casefold"};
    private static final String[] RO_COMPAT_NAMES = {"sparse_super", "large_file", "btree_dir", "huge_file",
        "uninit_bg", "dir_nlink", "extra_isize", "snapshot", "quota", "bigalloc", "metadata_csum", "replica",
        "read-only", "project", "shared_blocks", "verity", "orphan_present"};

    /** The names {@code dumpe2fs} uses for the bits set in the three words, unknown bits as {@code FEATURE_I17}-style names. */
    static List<String> names(long compat, long incompat, long roCompat) {
        List<String> out = new ArrayList<>();
        add(out, compat, COMPAT_NAMES, "FEATURE_C");
        add(out, incompat, INCOMPAT_NAMES, "FEATURE_I");
        add(out, roCompat, RO_COMPAT_NAMES, "FEATURE_R");
        return out;
    }

    private static void add(List<String> out, long bits, String[] names, String unknownPrefix) {
        for (int i = 0; i < 32; i++) {
            if ((bits & (1L << i)) != 0) {
                out.add(i < names.length && names[i] != null ? names[i] : unknownPrefix + i);
            }
        }
    }
}
