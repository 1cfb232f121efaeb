package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Checks that every inode a directory names is one the inode bitmaps mark in use and that looks
 * alive. The block cross-check only walks the inodes the bitmaps name, so a file still named by a
 * directory but marked free there (what a crash or a bad tool leaves, and the guest's kernel still
 * reads) would have its blocks reported free. Checking the entries of every in-use directory, and
 * the root, covers every inode reachable from the root (each is named by a reachable, so checked,
 * directory) and also those e2fsck would reconnect to lost+found. Reads only directory blocks, in
 * block order, nearby ones in one read; the path of an offending entry is looked up only on the way
 * to the error.
 */
final class DirectoryTree {
    /** The most one read takes: directory blocks and the gaps between them. */
    static final int RUN_BYTES = 1 << 20;
    /** Blocks between two directories that one read still spans rather than seek over. */
    private static final int GAP_BLOCKS = 32;

    private final BlockReader reader;
    private final Superblock sb;
    private final InodeTable inodes;
    private final InUseInodes seen;
    private final ChecksumProblems checksumProblems;
    private final int runBytes;

    /** {@code runBytes} is the most one read takes ({@link #RUN_BYTES}); tests use a block or two to cross every run's edge. */
    DirectoryTree(BlockReader reader, Superblock sb, InodeTable inodes, InUseInodes seen, ChecksumProblems checksumProblems,
            int runBytes) {
        this.reader = reader;
        this.sb = sb;
        this.inodes = inodes;
        this.seen = seen;
        this.checksumProblems = checksumProblems;
        this.runBytes = runBytes;
    }

    /** Throws at the first named inode that the bitmaps and the directories disagree on. */
    void check(DirectoryBlocks directories) {
        if (!seen.inUse(Ext4Volume.ROOT_INO) || !seen.live(Ext4Volume.ROOT_INO) || !seen.directory(Ext4Volume.ROOT_INO)) {
            throw refuse("the root directory (inode " + Ext4Volume.ROOT_INO + ") is free in the ext inode bitmap, deleted"
                    + " or not a directory");
        }
        for (int i = 0; i < directories.inlineCount(); i++) {
            long named = directories.inlineNamed(i);
            if (!seen.inUse(named) || !seen.live(named)) {
                throw disagreement(directories.inlineDirectory(i), named);
            }
        }
        long[] extents = directories.extentsByBlock();
        int bs = sb.blockSize();
        int runBlocks = Math.max(1, runBytes / bs);
        ByteBuffer run = ByteBuffer.allocate(runBlocks * bs).order(ByteOrder.LITTLE_ENDIAN);
        List<DirEntry> entries = new ArrayList<>();
        int x = 0;
        while (x < extents.length) {
            long first = extents[x];
            if (extents[x + 1] >= runBlocks) {  // a long directory: read in runs of its own
                for (long done = 0; done < extents[x + 1]; done += runBlocks) {
                    int n = (int) Math.min(runBlocks, extents[x + 1] - done);
                    read(run, first + done, n, extents[x + 2]);
                    parse(run, 0, first + done, n, extents[x + 2], entries);
                }
                x += 3;
                continue;
            }
            // Directories lie close together (the allocator places them near their parents): one read
            // spans several, and the few blocks between them, instead of a read per directory.
            int y = x;
            long end = first;
            while (y < extents.length && extents[y] - end <= GAP_BLOCKS && extents[y] + extents[y + 1] - first <= runBlocks) {
                end = Math.max(end, extents[y] + extents[y + 1]);
                y += 3;
            }
            read(run, first, (int) (end - first), extents[x + 2]);
            for (int k = x; k < y; k += 3) {
                parse(run, (int) (extents[k] - first), extents[k], (int) extents[k + 1], extents[k + 2], entries);
            }
            x = y;
        }
    }

    private void read(ByteBuffer run, long first, int blocks, long dir) {
        run.clear().limit(blocks * sb.blockSize());
        reader.readBlocks(first, run, "directory block of inode " + dir);
    }

    /** Parses {@code blocks} directory blocks of {@code dir} found at block {@code at} of {@code run} and checks each name. */
    private void parse(ByteBuffer run, int at, long physical, int blocks, long dir, List<DirEntry> entries) {
        int bs = sb.blockSize();
        for (int b = 0; b < blocks; b++) {
            entries.clear();
            ByteBuffer block = run.slice((at + b) * bs, bs).order(ByteOrder.LITTLE_ENDIAN);
            Directories.parse(reader, sb, dir, block, 0, bs, entries, "block " + (physical + b));
            for (DirEntry e : entries) {
                if (!seen.inUse(e.inode()) || !seen.live(e.inode())) {
                    throw disagreement(dir, e.inode());
                }
            }
        }
    }

    /** The refusal for directory {@code dir} naming inode {@code named}: names the entry's path when the root reaches it. */
    private BadInputException disagreement(long dir, long named) {
        String path = pathOf(dir, named);
        String what = path != null ? path + " (inode " + named + ", in directory inode " + dir + ")"
                : "directory inode " + dir + " (which the root does not reach)";
        if (!seen.inUse(named)) {
            // the scan also skips a group's unused inode-table tail (bg_itable_unused), so "free" covers that
            return refuse("the ext inode bitmap marks inode " + named + " free but " + what + " still names it");
        }
        return refuse(path != null ? what + " is named by a directory but its inode is deleted (no mode, no links or a deletion time)"
                : what + " names inode " + named + ", which is deleted (no mode, no links or a deletion time)");
    }

    /**
     * The path of the entry of directory {@code dir} that names {@code named}, found by walking the tree
     * from the root (each directory once); null when the root does not reach it. Only on the way to an error.
     */
    private String pathOf(long dir, long named) {
        BlockSet entered = new BlockSet(sb.inodesCount() + 1, reader.image().toString());
        Deque<Long> pendingInodes = new ArrayDeque<>();
        Deque<String> pendingPaths = new ArrayDeque<>();
        pendingInodes.push(Ext4Volume.ROOT_INO);
        pendingPaths.push("/");
        entered.setRange(Ext4Volume.ROOT_INO, 1);
        while (!pendingInodes.isEmpty()) {
            long number = pendingInodes.pop();
            String path = pendingPaths.pop();
            for (DirEntry e : Directories.list(reader, sb, inodes.read(number), checksumProblems)) {
                String child = path.endsWith("/") ? path + e.name() : path + "/" + e.name();
                if (number == dir && e.inode() == named) {
                    return child;
                }
                if (seen.directory(e.inode()) && !entered.get(e.inode())) {
                    entered.setRange(e.inode(), 1);
                    pendingInodes.push(e.inode());
                    pendingPaths.push(child);
                }
            }
        }
        return null;
    }

    private BadInputException refuse(String why) {
        return new BadInputException(reader.image() + ": " + why + "; refusing to trim: run e2fsck -f on the image");
    }
}
