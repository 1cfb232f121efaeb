package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks that every inode reachable from the root directory is one the inode bitmaps mark in use and
 * that looks alive. The block cross-check only walks the inodes the bitmaps name, so a file still
 * named by a directory but marked free there (what a crash or a bad tool leaves, and the guest's
 * kernel still reads) would have its blocks reported free. Reads only directory inodes and
 * directory blocks (linear, htree and inline); each directory is entered once, so a directory
 * linked twice cannot make the walk loop.
 */
final class DirectoryTree {
    private record Pending(long number, String path) {
    }

    private final BlockReader reader;
    private final Superblock sb;
    private final InodeTable inodes;
    private final InUseInodes seen;
    private final ChecksumProblems checksumProblems;

    DirectoryTree(BlockReader reader, Superblock sb, InodeTable inodes, InUseInodes seen, ChecksumProblems checksumProblems) {
        this.reader = reader;
        this.sb = sb;
        this.inodes = inodes;
        this.seen = seen;
        this.checksumProblems = checksumProblems;
    }

    /** Walks the tree from the root; throws at the first inode that the bitmaps and the tree disagree on. */
    void check() {
        check(Ext4Volume.ROOT_INO, "the root directory (inode " + Ext4Volume.ROOT_INO + ")");
        BlockSet entered = new BlockSet(sb.inodesCount() + 1, reader.image().toString());
        Deque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(Ext4Volume.ROOT_INO, "/"));
        entered.setRange(Ext4Volume.ROOT_INO, 1);
        while (!pending.isEmpty()) {
            Pending dir = pending.pop();
            Inode inode = inodes.read(dir.number());
            for (DirEntry e : Directories.list(reader, sb, inode, checksumProblems)) {
                String path = dir.path().endsWith("/") ? dir.path() + e.name() : dir.path() + "/" + e.name();
                check(e.inode(), path + " (inode " + e.inode() + ", in directory inode " + dir.number() + ")");
                if (seen.directory(e.inode()) && !entered.get(e.inode())) {
                    entered.setRange(e.inode(), 1);
                    pending.push(new Pending(e.inode(), path));
                }
            }
        }
    }

    private void check(long number, String what) {
        if (!seen.inUse(number)) {
            // the scan also skips a group's unused inode-table tail (bg_itable_unused), so "free" covers that
            throw refuse("the ext inode bitmap marks inode " + number + " free but " + what
                    + " is still reachable from the root directory");
        }
        if (!seen.live(number)) {
            throw refuse(what + " is reachable from the root directory but its inode is deleted"
                    + " (no mode, no links or a deletion time)");
        }
    }

    private BadInputException refuse(String why) {
        return new BadInputException(reader.image() + ": " + why + "; refusing to trim: run e2fsck -f on the image");
    }
}
