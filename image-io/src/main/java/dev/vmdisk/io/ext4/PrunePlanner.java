package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link PrunePlan} reading only. Before judging any entry it runs the trim survey's whole
 * cross-check (every in-use inode's blocks against the block bitmaps, every directory's names against the
 * inode bitmaps, no block used twice) and checks the free counts against the bitmaps; then it walks each
 * entry under the pruned directory, and for the stale ones collects every inode, block, xattr reference
 * and directory entry to change, and checks each against the bitmaps again. Anything that does not add up
 * is a {@link BadInputException} (exit 4) before anything is written.
 */
public final class PrunePlanner {
    static final long XATTR_MAGIC = 0xEA020000L;
    static final int XATTR_REFCOUNT = 0x4;
    static final int XATTR_BLOCKS = 0x8;
    static final int XATTR_CHECKSUM = 0x10;
    static final String SESSIONS = "sessions";

    private PrunePlanner() {
    }

    public static PrunePlan plan(Ext4Volume volume, PruneRequest request) {
        PruneFeatures.require(volume);
        TrimVerdict verdict = volume.trimVerdict();
        if (!verdict.allowed()) {
            throw refuse(volume, verdict.reason());
        }
        SurveyedInodes surveyed = new SurveyedInodes(volume.superblock().inodesCount(), volume.name().toString());
        volume.forEachFreeRun((offset, length) -> { }, surveyed); // the trim survey's cross-check; throws when anything disagrees
        BitmapCounts.check(volume, false, "refusing to prune");
        Superblock sb = volume.superblock();
        String under = request.under() == null ? defaultUnder(volume) : normalize(request.under());
        Inode parent = volume.lookup(under);
        if (!parent.isDirectory()) {
            throw new BadInputException(volume.name() + ": " + under + " is not a directory in the guest; name one with --under");
        }
        if (parent.hasInlineData()) {
            throw refuse(volume, under + " keeps its entries inline in its inode (inline_data), which prune does not edit");
        }
        Set<Long> enteredDirs = new HashSet<>();
        Map<Long, Integer> removedNames = new TreeMap<>();
        Map<String, Long> removedEntries = new HashMap<>();
        List<PruneEntry> entries = new ArrayList<>();
        for (DirEntry e : volume.list(parent)) {
            Tree tree = walk(volume, surveyed, e, enteredDirs);
            long idle = request.nowSeconds() - tree.lastActivity;
            String kept = null;
            if (under.equals("/") && e.name().equals("lost+found")) {
                kept = "lost+found";
            } else if (request.keep().contains(e.name())) {
                kept = "--keep";
            } else if (idle <= request.olderThanSeconds()) {
                kept = "recent";
            }
            entries.add(new PruneEntry(e.name(), e.inode(), tree.directory, tree.bytes, tree.lastActivity, idle, kept == null, kept));
            if (kept == null) {
                tree.names.forEach((ino, n) -> removedNames.merge(ino, n, Integer::sum));
                if (removedEntries.put(e.name(), e.inode()) != null) {
                    throw refuse(volume, under + " names '" + e.name() + "' twice; run e2fsck -f on the image");
                }
            }
        }
        long groupFree = 0;
        for (long g = 0; g < volume.groups().count(); g++) {
            groupFree += volume.groups().get(g).freeBlocks();
        }
        PrunePlan plan = new PrunePlan(under, parent.number(), entries, sb.blockSize(), groupFree * sb.blockSize());
        if (removedEntries.isEmpty()) {
            return plan;
        }
        for (PruneEntry e : entries) {
            if (e.remove() && e.directory()) {
                plan.removedSubdirs++;
            }
        }
        if (parent.linksCount() != 1 && parent.linksCount() - plan.removedSubdirs < 2) {
            throw refuse(volume, under + " has " + parent.linksCount() + " links but " + plan.removedSubdirs
                    + " subdirectories to remove; run e2fsck -f on the image");
        }
        collectInodes(volume, plan, removedNames);
        checkBitmaps(volume, plan);
        collectEntries(volume, plan, parent, removedEntries);
        return plan;
    }

    /** {@code /sessions} when the file system has that directory (a whole guest disk), else the root (the session disk itself). */
    private static String defaultUnder(Ext4Volume volume) {
        for (DirEntry e : volume.list(volume.inode(Ext4Volume.ROOT_INO))) {
            if (e.name().equals(SESSIONS) && volume.inode(e.inode()).isDirectory()) {
                return "/" + SESSIONS;
            }
        }
        return "/";
    }

    static String normalize(String path) {
        StringBuilder b = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new BadInputException("--under " + path + ": '..' is not allowed; give the absolute guest path");
            }
            b.append('/').append(part);
        }
        return b.length() == 0 ? "/" : b.toString();
    }

    /** One entry's tree: its size (each inode once), its newest mtime/ctime, and how often it names each inode. */
    private static final class Tree {
        boolean directory;
        long bytes;
        long lastActivity = Long.MIN_VALUE;
        final Map<Long, Integer> names = new HashMap<>();
    }

    private static Tree walk(Ext4Volume volume, SurveyedInodes surveyed, DirEntry top, Set<Long> enteredDirs) {
        Tree tree = new Tree();
        Set<Long> counted = new HashSet<>();
        Deque<Long> pending = new ArrayDeque<>();
        tree.directory = surveyed.directory(top.inode());
        visit(volume, surveyed, top.inode(), tree, counted, enteredDirs, pending);
        while (!pending.isEmpty()) {
            for (DirEntry e : volume.list(volume.inode(pending.pop()))) {
                visit(volume, surveyed, e.inode(), tree, counted, enteredDirs, pending);
            }
        }
        return tree;
    }

    private static void visit(Ext4Volume volume, SurveyedInodes surveyed, long inode, Tree tree, Set<Long> counted,
            Set<Long> enteredDirs, Deque<Long> pending) {
        if (!surveyed.live(inode)) {
            throw refuse(volume, "a directory names inode " + inode + ", which is deleted; run e2fsck -f on the image");
        }
        tree.names.merge(inode, 1, Integer::sum);
        if (counted.add(inode)) {
            tree.bytes += surveyed.bytes(inode);
            tree.lastActivity = Math.max(tree.lastActivity, surveyed.activity(inode));
        }
        if (surveyed.directory(inode)) {
            if (!enteredDirs.add(inode)) {
                throw refuse(volume, "directory inode " + inode + " is named twice (a loop or a hard-linked"
                        + " directory); run e2fsck -f on the image");
            }
            pending.push(inode);
        }
    }

    /** Which inodes are freed and which only lose names; the blocks and xattr references the freed ones let go. */
    private static void collectInodes(Ext4Volume volume, PrunePlan plan, Map<Long, Integer> names) {
        Superblock sb = volume.superblock();
        BlockSet blocks = new BlockSet(sb.blocksCount(), volume.name().toString());
        Map<Long, Integer> xattrRefs = new TreeMap<>();
        for (Map.Entry<Long, Integer> n : names.entrySet()) {
            Inode inode = volume.inode(n.getKey());
            int count = n.getValue();
            if (inode.isDirectory() ? count != 1 : count > inode.linksCount()) {
                throw refuse(volume, "inode " + inode.number() + " has " + inode.linksCount() + " links but the removed trees name it "
                        + count + " times; run e2fsck -f on the image");
            }
            if (!inode.isDirectory() && count < inode.linksCount()) {
                plan.linkDrops.put(inode.number(), count); // a hard link whose other names stay
                continue;
            }
            plan.freeInodes.put(inode.number(), inode.isDirectory());
            if (inode.hasBlockMap()) {
                BlockMap.walk(volume.reader(), sb, inode, new BlockMap.Sink() {
                    @Override
                    public void data(long logical, long physical, long count) {
                        mark(volume, blocks, physical, count, inode.number());
                    }

                    @Override
                    public void mapBlock(long physical) {
                        mark(volume, blocks, physical, 1, inode.number());
                    }
                }, volume.checksumProblems());
            }
            if (inode.fileAcl() != 0) {
                xattrRefs.merge(inode.fileAcl(), 1, Integer::sum);
            }
        }
        ByteBuffer block = volume.reader().newBlockBuffer();
        for (Map.Entry<Long, Integer> x : xattrRefs.entrySet()) {
            long b = x.getKey();
            volume.reader().readBlock(b, block, "extended attribute block " + b);
            long refcount = Le.u32(block, XATTR_REFCOUNT);
            if (Le.u32(block, 0) != XATTR_MAGIC || Le.u32(block, XATTR_BLOCKS) != 1) {
                throw refuse(volume, "extended attribute block " + b + " has no valid header; run e2fsck -f on the image");
            }
            if (sb.metadataCsum() && Le.u32(block, XATTR_CHECKSUM) != MetadataChecksums.xattrBlock(sb, b, block)) {
                throw refuse(volume, "extended attribute block " + b + " has a wrong checksum; run e2fsck -f on the image");
            }
            if (refcount < x.getValue()) {
                throw refuse(volume, "extended attribute block " + b + " counts " + refcount + " references but "
                        + x.getValue() + " removed inodes use it; run e2fsck -f on the image");
            }
            if (refcount == x.getValue()) {
                mark(volume, blocks, b, 1, -1); // its last users go: freed with them
            } else {
                plan.xattrDrops.put(b, x.getValue());
            }
        }
        for (long b = blocks.nextSet(0); b >= 0; ) {
            long end = b + 1;
            while (end < blocks.size() && blocks.get(end)) {
                end++;
            }
            plan.freeBlocks.put(b, end - b);
            plan.freeBlockCount += end - b;
            b = blocks.nextSet(end);
        }
    }

    private static void mark(Ext4Volume volume, BlockSet blocks, long first, long count, long inode) {
        long clash = blocks.setRange(first, count);
        if (clash >= 0) {
            throw refuse(volume, "block " + clash + " is used twice among the removed inodes"
                    + (inode >= 0 ? " (again by inode " + inode + ")" : "") + "; run e2fsck -f on the image");
        }
    }

    /** Every block and inode to free must be marked in use now: a plan that frees what is already free is wrong. */
    private static void checkBitmaps(Ext4Volume volume, PrunePlan plan) {
        Superblock sb = volume.superblock();
        GroupTable groups = volume.groups();
        ByteBuffer bitmap = volume.reader().newBlockBuffer();
        long loaded = -1;
        for (Map.Entry<Long, Long> run : plan.freeBlocks.entrySet()) {
            for (long b = run.getKey(); b < run.getKey() + run.getValue(); b++) {
                long g = (b - sb.firstDataBlock()) / sb.blocksPerGroup();
                if (g != loaded) {
                    if (sb.groupChecksums() && groups.get(g).blockUninit()) {
                        throw refuse(volume, "block " + b + " belongs to a removed file but its group " + g
                                + " has no block bitmap yet; run e2fsck -f on the image");
                    }
                    volume.reader().readBlock(groups.get(g).blockBitmap(), bitmap, "block bitmap of group " + g);
                    loaded = g;
                }
                int bit = (int) (b - groups.firstBlock(g));
                if ((bitmap.get(bit >>> 3) & (1 << (bit & 7))) == 0) {
                    throw refuse(volume, "block " + b + " of a removed file is already free in the block bitmap; run e2fsck -f on the image");
                }
            }
        }
        loaded = -1;
        for (long ino : plan.freeInodes.keySet()) {
            long g = (ino - 1) / sb.inodesPerGroup();
            if (g != loaded) {
                volume.reader().readBlock(groups.get(g).inodeBitmap(), bitmap, "inode bitmap of group " + g);
                loaded = g;
            }
            int bit = (int) ((ino - 1) % sb.inodesPerGroup());
            if ((bitmap.get(bit >>> 3) & (1 << (bit & 7))) == 0) {
                throw refuse(volume, "inode " + ino + " of a removed tree is already free in the inode bitmap; run e2fsck -f on the image");
            }
        }
    }

    /** Finds each removed name in the pruned directory's blocks (linear blocks and htree leaves alike), by block and offset. */
    private static void collectEntries(Ext4Volume volume, PrunePlan plan, Inode parent, Map<String, Long> removed) {
        Superblock sb = volume.superblock();
        int bs = sb.blockSize();
        long blocksInSize = (parent.size() + bs - 1) / bs;
        ByteBuffer block = volume.reader().newBlockBuffer();
        Map<String, Long> left = new HashMap<>(removed);
        int seed = sb.metadataCsum() ? parent.checksumSeed(sb.checksumSeed()) : 0;
        BlockMap.walk(volume.reader(), sb, parent, new BlockMap.Sink() {
            @Override
            public void data(long logical, long physical, long count) {
                for (long i = 0; i < count && logical + i < blocksInSize; i++) {
                    long at = physical + i;
                    volume.reader().readBlock(at, block, "directory block of inode " + parent.number());
                    List<PrunePlan.EntryRef> refs = new ArrayList<>();
                    for (int off = 0; off + 8 <= bs; ) {
                        long inode = Le.u32(block, off);
                        int recLen = Directories.recLen(Le.u16(block, off + 4), bs);
                        int nameLen = Le.u8(block, off + 6);
                        if (recLen < 8 || recLen % 4 != 0 || recLen > bs - off || 8 + nameLen > recLen) {
                            throw refuse(volume, "directory block " + at + " of " + plan.under + " has an entry of length "
                                    + recLen + " at byte " + off + "; run e2fsck -f on the image");
                        }
                        if (inode != 0 && nameLen > 0) {
                            byte[] raw = new byte[nameLen];
                            block.get(off + 8, raw);
                            String name = new String(raw, StandardCharsets.UTF_8);
                            Long wanted = left.get(name);
                            if (wanted != null && wanted == inode) {
                                refs.add(new PrunePlan.EntryRef(off, inode, name));
                                left.remove(name);
                            }
                        }
                        off += recLen;
                    }
                    if (refs.isEmpty()) {
                        continue;
                    }
                    if (sb.metadataCsum() && !MetadataChecksums.dirTailValid(block, bs, seed)) {
                        throw refuse(volume, "directory block " + at + " of " + plan.under
                                + " has no valid checksum tail; run e2fsck -f on the image");
                    }
                    if (plan.entryEdits.put(at, refs) != null) {
                        throw refuse(volume, "directory block " + at + " of " + plan.under + " is mapped twice; run e2fsck -f on the image");
                    }
                }
            }

            @Override
            public void mapBlock(long physical) {
            }
        }, volume.checksumProblems());
        if (!left.isEmpty()) {
            throw refuse(volume, "'" + left.keySet().iterator().next() + "' was listed in " + plan.under
                    + " but not found again in its blocks; run e2fsck -f on the image");
        }
    }

    static BadInputException refuse(Ext4Volume volume, String why) {
        return new BadInputException(volume.name() + ": refusing to prune: " + why);
    }
}
