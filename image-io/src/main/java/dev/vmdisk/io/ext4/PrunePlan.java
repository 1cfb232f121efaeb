package dev.vmdisk.io.ext4;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything a prune will change, built and checked read-only before the first write ({@link PrunePlanner}):
 * the directory entries to remove (by block and offset in the pruned directory), the pruned directory's
 * link count, the inodes to free and those that only lose names (hard links whose other names stay), the
 * xattr blocks that only lose references, and every block to free (data, extent and indirect blocks, xattr
 * blocks whose last reference goes).
 */
public final class PrunePlan {
    /** An entry to remove: at {@code offset} of its directory block, naming {@code inode} as {@code name}. */
    record EntryRef(int offset, long inode, String name) {
    }

    final String under;
    final long parentInode;
    final List<PruneEntry> entries;
    /** Directory block of the pruned directory → its entries to remove, in offset order. */
    final TreeMap<Long, List<EntryRef>> entryEdits = new TreeMap<>();
    /** Directories among the removed entries: the pruned directory's {@code i_links_count} falls by this. */
    int removedSubdirs;
    /** Inodes to free → whether each is a directory (the group's used-directory count falls). */
    final TreeMap<Long, Boolean> freeInodes = new TreeMap<>();
    /** Inodes that only lose names → how many. */
    final TreeMap<Long, Integer> linkDrops = new TreeMap<>();
    /** Shared xattr blocks that stay → how many references they lose. */
    final TreeMap<Long, Integer> xattrDrops = new TreeMap<>();
    /** Blocks to free, as sorted disjoint {@code first → count} runs. */
    final TreeMap<Long, Long> freeBlocks = new TreeMap<>();
    long freeBlockCount;
    final long blockSize;
    final long guestFreeBytes;

    PrunePlan(String under, long parentInode, List<PruneEntry> entries, long blockSize, long guestFreeBytes) {
        this.under = under;
        this.parentInode = parentInode;
        this.entries = List.copyOf(entries);
        this.blockSize = blockSize;
        this.guestFreeBytes = guestFreeBytes;
    }

    /** The directory whose entries were judged, as an absolute guest path. */
    public String under() {
        return under;
    }

    /** Every entry directly under {@link #under()}, in directory order, each with its verdict. */
    public List<PruneEntry> entries() {
        return entries;
    }

    public List<PruneEntry> removed() {
        List<PruneEntry> out = new ArrayList<>();
        entries.forEach(e -> {
            if (e.remove()) {
                out.add(e);
            }
        });
        return out;
    }

    public List<PruneEntry> kept() {
        List<PruneEntry> out = new ArrayList<>();
        entries.forEach(e -> {
            if (!e.remove()) {
                out.add(e);
            }
        });
        return out;
    }

    /** Whether the plan changes nothing: no entry is stale. */
    public boolean isEmpty() {
        return entryEdits.isEmpty();
    }

    /** Bytes of guest blocks the plan frees. */
    public long freedBytes() {
        return freeBlockCount * blockSize;
    }

    public int inodesFreed() {
        return freeInodes.size();
    }

    /** Inodes that stay, with fewer names (hard links elsewhere). */
    public int inodesUnlinked() {
        return linkDrops.size();
    }

    /** The guest file system's free space before, from its group descriptors (checked against the bitmaps). */
    public long guestFreeBytes() {
        return guestFreeBytes;
    }
}
