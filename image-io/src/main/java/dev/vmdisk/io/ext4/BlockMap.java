package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks an inode's block map: an extent tree, or the direct and (double, triple) indirect block
 * pointers of ext2/3. Every block number is checked against the file system; the tree's depth is
 * bounded and a map block seen twice in one walk (a loop) is an error, so a corrupt map can neither
 * index outside the image nor make the walk run away.
 */
final class BlockMap {
    /** What a walk reports. */
    interface Sink {
        /** {@code count} data blocks at {@code physical}, holding file blocks from {@code logical}. */
        void data(long logical, long physical, long count);

        /** A block of the map itself: an extent index or leaf block, or an indirect block. */
        void mapBlock(long physical);
    }

    static final int EH_MAGIC = 0xF30A;
    static final int EH_ENTRIES = 0x2;
    static final int EH_MAX = 0x4;
    static final int EH_DEPTH = 0x6;
    static final int EXTENT_SIZE = 12;
    static final int MAX_DEPTH = 5;
    static final int INIT_MAX_LEN = 32768;
    private static final int DIRECT = 12;

    private final BlockReader reader;
    private final Superblock sb;
    private final Inode inode;
    private final Sink sink;
    private final ChecksumProblems checksumProblems;
    private final int inodeSeed;
    private final Set<Long> seenMapBlocks = new HashSet<>();

    private BlockMap(BlockReader reader, Superblock sb, Inode inode, Sink sink, ChecksumProblems checksumProblems) {
        this.reader = reader;
        this.sb = sb;
        this.inode = inode;
        this.sink = sink;
        this.checksumProblems = checksumProblems;
        this.inodeSeed = sb.metadataCsum() ? inode.checksumSeed(sb.checksumSeed()) : 0;
    }

    /** Walks {@code inode}'s map; extent block checksum failures are added to {@code checksumProblems}. */
    static void walk(BlockReader reader, Superblock sb, Inode inode, Sink sink, ChecksumProblems checksumProblems) {
        BlockMap map = new BlockMap(reader, sb, inode, sink, checksumProblems);
        ByteBuffer iblock = inode.raw().slice(Inode.I_BLOCK, Inode.I_BLOCK_LENGTH);
        if (inode.hasExtents()) {
            map.extentNode(iblock, -1, -1);
        } else {
            map.indirectRoot(iblock);
        }
    }

    private void extentNode(ByteBuffer node, long at, int expectedDepth) {
        String where = at < 0 ? "in the inode" : "at block " + at;
        int magic = Le.u16(node, 0);
        int entries = Le.u16(node, EH_ENTRIES);
        int max = Le.u16(node, EH_MAX);
        int depth = Le.u16(node, EH_DEPTH);
        int capacity = (node.capacity() - EXTENT_SIZE) / EXTENT_SIZE;
        if (magic != EH_MAGIC) {
            throw corrupt("extent header " + where + " has magic " + String.format("0x%04x", magic) + ", not 0xf30a");
        }
        if (max > capacity || entries > max) {
            throw corrupt("extent header " + where + " claims " + entries + " of " + max + " entries; room for " + capacity);
        }
        if (depth > MAX_DEPTH || expectedDepth >= 0 && depth != expectedDepth) {
            throw corrupt("extent node " + where + " has depth " + depth
                    + (expectedDepth >= 0 ? ", expected " + expectedDepth : ", more than " + MAX_DEPTH));
        }
        if (at >= 0 && sb.metadataCsum()) {
            int tail = EXTENT_SIZE + EXTENT_SIZE * max;
            if (tail + 4 <= node.capacity()) {
                long stored = Le.u32(node, tail);
                long computed = Crc32c.update(inodeSeed, node, 0, tail) & 0xFFFF_FFFFL;
                if (stored != computed) {
                    checksumProblems.add("extent block " + at + " of inode " + inode.number() + " has a wrong checksum");
                }
            }
        }
        for (int i = 0; i < entries; i++) {
            int e = EXTENT_SIZE + i * EXTENT_SIZE;
            long logical = Le.u32(node, e);
            if (depth == 0) {
                int rawLen = Le.u16(node, e + 4);
                long len = rawLen <= INIT_MAX_LEN ? rawLen : rawLen - INIT_MAX_LEN;
                long start = Le.u64(Le.u32(node, e + 8), Le.u16(node, e + 6));
                if (len == 0) {
                    continue;
                }
                checkRange(start, len, "extent " + i + " " + where);
                sink.data(logical, start, len);
            } else {
                long child = Le.u64(Le.u32(node, e + 4), Le.u16(node, e + 8));
                checkRange(child, 1, "extent index " + i + " " + where);
                if (!seenMapBlocks.add(child)) {
                    throw corrupt("its extent tree reaches block " + child + " twice (a loop)");
                }
                sink.mapBlock(child);
                ByteBuffer block = reader.readBlock(child, reader.newBlockBuffer(), "extent block of inode " + inode.number());
                extentNode(block, child, depth - 1);
            }
        }
    }

    private void indirectRoot(ByteBuffer iblock) {
        Run run = new Run();
        for (int i = 0; i < DIRECT; i++) {
            run.add(i, Le.u32(iblock, 4 * i), "block pointer " + i);
        }
        long perBlock = sb.blockSize() / 4;
        long logical = DIRECT;
        long span = 1;
        for (int level = 1; level <= 3; level++) {
            span *= perBlock;
            long ptr = Le.u32(iblock, 4 * (DIRECT + level - 1));
            if (ptr != 0) {
                indirect(ptr, level, logical, run);
            }
            logical += span;
        }
        run.flush();
    }

    private void indirect(long block, int level, long firstLogical, Run run) {
        checkRange(block, 1, "indirect block pointer");
        if (!seenMapBlocks.add(block)) {
            throw corrupt("its indirect blocks reach block " + block + " twice (a loop)");
        }
        sink.mapBlock(block);
        ByteBuffer b = reader.readBlock(block, reader.newBlockBuffer(), "indirect block of inode " + inode.number());
        int perBlock = sb.blockSize() / 4;
        long span = 1;
        for (int l = 1; l < level; l++) {
            span *= perBlock;
        }
        for (int i = 0; i < perBlock; i++) {
            long ptr = Le.u32(b, 4 * i);
            if (ptr == 0) {
                continue;
            }
            long logical = firstLogical + i * span;
            if (level == 1) {
                run.add(logical, ptr, "pointer " + i + " of indirect block " + block);
            } else {
                indirect(ptr, level - 1, logical, run);
            }
        }
    }

    private void checkRange(long start, long count, String what) {
        if (start < sb.firstDataBlock() || start >= sb.blocksCount() || count > sb.blocksCount() - start) {
            throw corrupt(what + " points at blocks " + start + ".." + (start + count - 1)
                    + ", outside the file system's " + sb.blocksCount() + " blocks");
        }
    }

    private BadInputException corrupt(String what) {
        return new BadInputException(reader.image() + ": corrupt ext inode " + inode.number() + ": " + what
                + "; run e2fsck on the image");
    }

    /** Joins consecutive block pointers into runs, so the sink sees few calls. */
    private final class Run {
        private long logical = -1;
        private long physical;
        private long count;

        void add(long logicalBlock, long ptr, String what) {
            if (ptr == 0) {
                return;
            }
            checkRange(ptr, 1, what);
            if (count > 0 && logicalBlock == logical + count && ptr == physical + count) {
                count++;
                return;
            }
            flush();
            logical = logicalBlock;
            physical = ptr;
            count = 1;
        }

        void flush() {
            if (count > 0) {
                sink.data(logical, physical, count);
            }
            count = 0;
        }
    }
}
