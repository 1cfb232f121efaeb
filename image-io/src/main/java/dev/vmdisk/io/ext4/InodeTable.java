package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads inodes: one by number, or every in-use inode in order (by the inode bitmaps, skipping
 * INODE_UNINIT groups and the unused tail {@code bg_itable_unused} of each table).
 */
final class InodeTable {
    private static final int SCAN_CHUNK = 1 << 18;

    private final BlockReader reader;
    private final GroupTable groups;
    private final Superblock sb;
    private final ChecksumProblems checksumProblems;
    private final ByteBuffer cache;
    private long cachedBlock = -1;

    InodeTable(BlockReader reader, GroupTable groups, ChecksumProblems checksumProblems) {
        this.reader = reader;
        this.groups = groups;
        this.sb = groups.superblock();
        this.checksumProblems = checksumProblems;
        this.cache = reader.newBlockBuffer();
    }

    /** Reads inode {@code number} (1-based). */
    Inode read(long number) {
        if (number < 1 || number > sb.inodesCount()) {
            throw new BadInputException(reader.image() + ": corrupt ext file system: inode number " + number
                    + " is outside 1.." + sb.inodesCount() + "; run e2fsck on the image");
        }
        long g = (number - 1) / sb.inodesPerGroup();
        long index = (number - 1) % sb.inodesPerGroup();
        long byteInTable = index * sb.inodeSize();
        long block = groups.get(g).inodeTable() + byteInTable / sb.blockSize();
        if (block != cachedBlock) {  // siblings in a directory tend to share inode table blocks
            cachedBlock = -1;
            reader.readBlock(block, cache, "inode " + number);
            cachedBlock = block;
        }
        Inode inode = Inode.parse(cache, (int) (byteInTable % sb.blockSize()), number, sb);
        if (sb.metadataCsum() && !inode.checksumValid(sb.checksumSeed())) {
            checksumProblems.add("inode " + number + " has a wrong checksum");
        }
        return inode;
    }

    /** Calls {@code visitor} for every inode the inode bitmaps mark in use, in inode number order. */
    void forEachInUse(Consumer<Inode> visitor) {
        int ipg = (int) sb.inodesPerGroup();
        int inodeSize = sb.inodeSize();
        int perBlock = sb.blockSize() / inodeSize;
        ByteBuffer bitmap = reader.newBlockBuffer();
        int chunkBlocks = Math.max(1, SCAN_CHUNK / sb.blockSize());
        ByteBuffer chunk = ByteBuffer.allocate(chunkBlocks * sb.blockSize()).order(ByteOrder.LITTLE_ENDIAN);
        int seed = sb.metadataCsum() ? sb.checksumSeed() : 0;
        for (long g = 0; g < groups.count(); g++) {
            GroupDescriptor d = groups.get(g);
            if (sb.groupChecksums() && d.inodeUninit()) {
                continue;
            }
            reader.readBlock(d.inodeBitmap(), bitmap, "inode bitmap of group " + g);
            if (sb.metadataCsum() && !bitmapChecksumValid(bitmap, ipg / 8, d.inodeBitmapCsum(), seed,
                    sb.descSize() >= GroupDescriptor.BG_INODE_BITMAP_CSUM_HI + 2)) {
                checksumProblems.add("the inode bitmap of group " + g + " has a wrong checksum");
            }
            long used = sb.groupChecksums() ? ipg - d.itableUnused() : ipg;
            long firstNumber = g * ipg + 1;
            used = Math.min(used, sb.inodesCount() - g * ipg);
            long tableBlocks = (used + perBlock - 1) / perBlock;
            for (long tb = 0; tb < tableBlocks; tb += chunkBlocks) {
                int n = (int) Math.min(chunkBlocks, tableBlocks - tb);
                int firstIndex = (int) (tb * perBlock);
                int endIndex = (int) Math.min(used, (tb + n) * (long) perBlock);
                if (nextSetBit(bitmap, firstIndex, endIndex) < 0) {
                    continue;
                }
                chunk.clear().limit(n * sb.blockSize());
                reader.readBlocks(d.inodeTable() + tb, chunk, "inode table of group " + g);
                for (int i = nextSetBit(bitmap, firstIndex, endIndex); i >= 0; i = nextSetBit(bitmap, i + 1, endIndex)) {
                    long number = firstNumber + i;
                    Inode inode = Inode.parse(chunk, (i - firstIndex) * inodeSize, number, sb);
                    if (sb.metadataCsum() && !inode.checksumValid(seed)) {
                        checksumProblems.add("inode " + number + " has a wrong checksum");
                    }
                    visitor.accept(inode);
                }
            }
        }
    }

    /** A bitmap's checksum: crc32c(seed, the bitmap's bytes), of which 16 bits are stored with 32-byte descriptors. */
    static boolean bitmapChecksumValid(ByteBuffer bitmap, int bytes, long stored, int seed, boolean wide) {
        long c = Crc32c.update(seed, bitmap, 0, bytes) & 0xFFFF_FFFFL;
        return (wide ? c : c & 0xFFFF) == stored;
    }

    /** The first bit set in {@code [from, to)} of a little-endian bitmap, or -1. */
    static int nextSetBit(ByteBuffer bitmap, int from, int to) {
        int i = from;
        while (i < to) {
            if ((i & 7) == 0 && to - i >= 8 && Le.u8(bitmap, i >>> 3) == 0) {
                i += 8;
                continue;
            }
            if ((Le.u8(bitmap, i >>> 3) & (1 << (i & 7))) != 0) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
