package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.LongList;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Finds the blocks that are safe to punch: free in the block bitmap (or in a BLOCK_UNINIT group,
 * everything but the metadata placed there) and referenced by no in-use inode. It first collects
 * every block any in-use inode references (data, extent and indirect blocks, xattr blocks; the
 * journal and resize inodes included), checks that every inode a directory names is among those
 * in-use inodes ({@link DirectoryTree}), then reads the bitmaps group by group and refuses when
 * they disagree, naming the block or the inode.
 */
final class FreeSpace {
    /** Receives free runs in file system blocks, in ascending order, adjacent runs already joined. */
    interface BlockRunSink {
        void run(long firstBlock, long count);
    }

    private static final long BAD_BLOCKS_INO = 1;

    private final BlockReader reader;
    private final GroupTable groups;
    private final InodeTable inodes;
    private final Superblock sb;
    private final ChecksumProblems checksumProblems;
    private final java.util.function.Consumer<Inode> observer;

    FreeSpace(BlockReader reader, GroupTable groups, InodeTable inodes, ChecksumProblems checksumProblems) {
        this(reader, groups, inodes, checksumProblems, inode -> { });
    }

    /** {@code observer} sees every in-use inode of the scan (prune notes their times, so it need not read them again). */
    FreeSpace(BlockReader reader, GroupTable groups, InodeTable inodes, ChecksumProblems checksumProblems,
            java.util.function.Consumer<Inode> observer) {
        this.reader = reader;
        this.groups = groups;
        this.inodes = inodes;
        this.sb = groups.superblock();
        this.checksumProblems = checksumProblems;
        this.observer = observer;
    }

    /** Walks everything, then reports free runs; throws before reporting anything if the file system disagrees with itself. */
    void findFreeRuns(BlockRunSink sink) {
        InUseInodes seen = new InUseInodes(sb.inodesCount(), reader.image().toString());
        DirectoryBlocks directories = new DirectoryBlocks(sb.blockSize());
        BlockSet referenced = referencedBlocks(seen, directories);
        new DirectoryTree(reader, sb, inodes, seen, checksumProblems, DirectoryTree.RUN_BYTES).check(directories);
        long[] metadata = groups.allMetadataSorted();
        LongList runs = new LongList();
        ByteBuffer bitmap = reader.newBlockBuffer();
        int seed = sb.metadataCsum() ? sb.checksumSeed() : 0;
        int metaIndex = 0;
        long runStart = -1;
        long runEnd = -1;
        for (long g = 0; g < groups.count(); g++) {
            GroupDescriptor d = groups.get(g);
            long first = groups.firstBlock(g);
            long n = groups.blocksInGroup(g);
            boolean uninit = sb.groupChecksums() && d.blockUninit();
            if (uninit) {
                bitmap.clear();
                Arrays.fill(bitmap.array(), (byte) 0);
            } else {
                reader.readBlock(d.blockBitmap(), bitmap, "block bitmap of group " + g);
                if (sb.metadataCsum() && !InodeTable.bitmapChecksumValid(bitmap, (int) (sb.blocksPerGroup() / 8),
                        d.blockBitmapCsum(), seed, sb.descSize() >= GroupDescriptor.BG_BLOCK_BITMAP_CSUM_HI + 2)) {
                    checksumProblems.add("the block bitmap of group " + g + " has a wrong checksum");
                }
            }
            while (metaIndex < metadata.length && metadata[metaIndex] + metadata[metaIndex + 1] <= first) {
                metaIndex += 2;
            }
            for (int m = metaIndex; m < metadata.length && metadata[m] < first + n; m += 2) {
                long from = Math.max(first, metadata[m]);
                long to = Math.min(first + n, metadata[m] + metadata[m + 1]);
                for (long b = from; b < to; b++) {
                    int bit = (int) (b - first);
                    if (uninit) {
                        bitmap.put(bit >>> 3, (byte) (bitmap.get(bit >>> 3) | 1 << (bit & 7)));
                    } else if (!isSet(bitmap, bit)) {
                        throw new BadInputException(reader.image() + ": corrupt ext file system: block " + b
                                + " holds group metadata but the block bitmap of group " + g
                                + " marks it free; run e2fsck -f on the image");
                    }
                }
            }
            for (long b = referenced.nextSet(first); b >= 0 && b < first + n; b = referenced.nextSet(b + 1)) {
                if (!isSet(bitmap, (int) (b - first))) {
                    throw new BadInputException(reader.image() + ": the ext block bitmap marks block " + b
                            + " free but " + owner(b) + " uses it; refusing to trim: run e2fsck -f on the image");
                }
            }
            for (int bit = 0; bit < n; ) {
                int whole = (bit & 7) == 0 && n - bit >= 8 ? bitmap.get(bit >>> 3) & 0xFF : -1;
                if (whole == 0xFF) {  // eight used blocks: nothing to add
                    bit += 8;
                    continue;
                }
                int step = whole == 0 ? 8 : 1;
                if (whole == 0 || !isSet(bitmap, bit)) {
                    long b = first + bit;
                    if (b == runEnd) {
                        runEnd += step;
                    } else {
                        if (runStart >= 0) {
                            runs.add(runStart, runEnd - runStart);
                        }
                        runStart = b;
                        runEnd = b + step;
                    }
                }
                bit += step;
            }
        }
        if (runStart >= 0) {
            runs.add(runStart, runEnd - runStart);
        }
        if (!checksumProblems.isEmpty()) {
            throw new BadInputException(reader.image() + ": refusing to trim: " + checksumProblems.summary() + "; run e2fsck -f on the image");
        }
        for (int i = 0; i < runs.size(); i += 2) {
            sink.run(runs.get(i), runs.get(i + 1));
        }
    }

    private static boolean isSet(ByteBuffer bitmap, int bit) {
        return (bitmap.get(bit >>> 3) & (1 << (bit & 7))) != 0;
    }

    /**
     * Every block an in-use inode references; a block referenced twice is an error. Notes each inode in
     * {@code seen} and where each directory's entries are in {@code directories}.
     */
    BlockSet referencedBlocks(InUseInodes seen, DirectoryBlocks directories) {
        BlockSet set = new BlockSet(sb.blocksCount(), reader.image().toString());
        LongList xattrBlocks = new LongList();
        inodes.forEachInUse(inode -> {
            seen.note(inode);
            observer.accept(inode);
            if (inode.isDirectory() && inode.hasInlineData()) {
                directories.addInline(inode, Directories.list(reader, sb, inode, checksumProblems));
            }
            if (inode.hasBlockMap() || inode.number() == BAD_BLOCKS_INO) {
                BlockMap.walk(reader, sb, inode, new BlockMap.Sink() {
                    @Override
                    public void data(long logical, long physical, long count) {
                        mark(set, physical, count, inode);
                        if (inode.isDirectory()) {
                            directories.addExtent(inode, logical, physical, count);
                        }
                    }

                    @Override
                    public void mapBlock(long physical) {
                        mark(set, physical, 1, inode);
                    }
                }, checksumProblems);
            }
            if (inode.fileAcl() != 0) {
                if (inode.fileAcl() < sb.firstDataBlock() || inode.fileAcl() >= sb.blocksCount()) {
                    throw new BadInputException(reader.image() + ": corrupt ext inode " + inode.number()
                            + ": its extended attribute block " + inode.fileAcl() + " is outside the file system; run e2fsck on the image");
                }
                xattrBlocks.add(inode.fileAcl());
            }
        });
        // xattr blocks are shared between inodes with equal attributes (h_refcount), so each counts once
        long[] acl = xattrBlocks.sortedDistinct();
        for (long b : acl) {
            if (set.get(b)) {
                throw new BadInputException(reader.image() + ": corrupt ext file system: block " + b
                        + " is both an extended attribute block and used by " + owner(b) + "; run e2fsck -f on the image");
            }
            set.setRange(b, 1);
        }
        return set;
    }

    private void mark(BlockSet set, long start, long count, Inode inode) {
        long clash = set.setRange(start, count);
        if (clash >= 0) {
            throw new BadInputException(reader.image() + ": corrupt ext file system: block " + clash + " is used by inode "
                    + inode.number() + " and by another inode; run e2fsck -f on the image");
        }
    }

    /** Names the inode that uses block {@code b}; walks all inodes again, which only happens on the way to an error. */
    private String owner(long b) {
        long[] found = {-1};
        inodes.forEachInUse(inode -> {
            if (found[0] >= 0) {
                return;
            }
            if (inode.fileAcl() == b) {
                found[0] = inode.number();
            }
            if (inode.hasBlockMap() || inode.number() == BAD_BLOCKS_INO) {
                BlockMap.walk(reader, sb, inode, new BlockMap.Sink() {
                    @Override
                    public void data(long logical, long physical, long count) {
                        if (b >= physical && b < physical + count) {
                            found[0] = inode.number();
                        }
                    }

                    @Override
                    public void mapBlock(long physical) {
                        if (b == physical) {
                            found[0] = inode.number();
                        }
                    }
                }, new ChecksumProblems());
            }
        });
        return found[0] >= 0 ? "inode " + found[0] : "an inode";
    }
}
