package dev.vmdisk.io.ext4;

import dev.vmdisk.io.LongList;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Where the entries of every in-use directory lie, noted during the inode scan so the directory check
 * reads no inode twice and reads directory blocks in block order rather than in tree order (which on
 * a cold page cache is a seek per directory). Block-mapped directories are kept as extents; inline
 * directories are parsed at once, since their entries are in the inode already read.
 */
final class DirectoryBlocks {
    private final int blockSize;
    private final LongList extents = new LongList(); // physical, count, directory inode
    private final LongList inlineNames = new LongList(); // directory inode, named inode

    DirectoryBlocks(int blockSize) {
        this.blockSize = blockSize;
    }

    /** Notes {@code count} blocks at {@code physical} holding blocks from {@code logical} of directory {@code dir}. */
    void addExtent(Inode dir, long logical, long physical, long count) {
        long blocksInSize = (dir.size() + blockSize - 1) / blockSize;  // what Directories.list reads too
        long n = Math.min(count, blocksInSize - logical);
        if (n > 0) {
            extents.add(physical);
            extents.add(n);
            extents.add(dir.number());
        }
    }

    /** Notes the inode numbers an inline directory's entries name. */
    void addInline(Inode dir, Iterable<DirEntry> entries) {
        for (DirEntry e : entries) {
            inlineNames.add(dir.number(), e.inode());
        }
    }

    int inlineCount() {
        return inlineNames.size() / 2;
    }

    long inlineDirectory(int i) {
        return inlineNames.get(2 * i);
    }

    long inlineNamed(int i) {
        return inlineNames.get(2 * i + 1);
    }

    /** Extents as {@code physical, count, directory} triples, sorted by physical block. */
    long[] extentsByBlock() {
        int n = extents.size() / 3;
        long[] flat = extents.toArray();
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(i -> flat[3 * i]));
        long[] out = new long[flat.length];
        for (int k = 0; k < n; k++) {
            System.arraycopy(flat, 3 * order[k], out, 3 * k, 3);
        }
        return out;
    }
}
