package dev.vmdisk.io.ext4;

import dev.vmdisk.io.CountProgress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Totals allocated space per directory, like {@code du}: each inode counted once (hard links, and
 * a directory reached twice through corruption is not entered again, so no walk can loop). Uses
 * an explicit stack, so a deep tree cannot overflow the Java stack.
 */
final class DuWalker {
    /** How often the walk reports: every this many inodes read. */
    private static final int REPORT_EVERY = 1024;
    private final Ext4Volume volume;
    private final BlockSet seen;
    private final CountProgress progress;
    private long read;

    DuWalker(Ext4Volume volume, long inodesCount, CountProgress progress) {
        this.volume = volume;
        this.seen = new BlockSet(inodesCount + 1, volume.name().toString());
        this.progress = progress;
    }

    private static final class Frame {
        final String path;
        final int depth;
        final Iterator<DirEntry> children;
        long bytes;

        Frame(String path, int depth, Iterator<DirEntry> children, long bytes) {
            this.path = path;
            this.depth = depth;
            this.children = children;
            this.bytes = bytes;
        }
    }

    DiskUsage walk(String path, Inode start, int maxDepth) {
        List<DiskUsage.Entry> entries = new ArrayList<>();
        seen.setRange(start.number(), 1);
        if (!start.isDirectory()) {
            entries.add(new DiskUsage.Entry(path, start.allocatedBytes(), 0));
            return new DiskUsage(path, start.allocatedBytes(), entries);
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(path, 0, volume.list(start).iterator(), start.allocatedBytes()));
        long total = 0;
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (!top.children.hasNext()) {
                stack.pop();
                if (maxDepth < 0 || top.depth <= maxDepth) {
                    entries.add(new DiskUsage.Entry(top.path, top.bytes, top.depth));
                }
                if (stack.isEmpty()) {
                    total = top.bytes;
                } else {
                    stack.peek().bytes += top.bytes;
                }
                continue;
            }
            DirEntry e = top.children.next();
            if (seen.get(e.inode())) {
                continue;
            }
            seen.setRange(e.inode(), 1);
            Inode child = volume.inode(e.inode());
            if (++read % REPORT_EVERY == 0) {
                progress.advance(read);
            }
            if (child.isDirectory()) {
                String childPath = top.path.endsWith("/") ? top.path + e.name() : top.path + "/" + e.name();
                stack.push(new Frame(childPath, top.depth + 1, volume.list(child).iterator(), child.allocatedBytes()));
            } else {
                top.bytes += child.allocatedBytes();
            }
        }
        progress.advance(read);
        return new DiskUsage(path, total, entries);
    }
}
