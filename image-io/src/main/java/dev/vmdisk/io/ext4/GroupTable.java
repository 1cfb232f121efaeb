package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All group descriptors, checked against the file system's size, and where each group's fixed
 * metadata lies (superblock copy, descriptor blocks, reserved GDT blocks: e2fsprogs'
 * {@code ext2fs_super_and_bgd_loc2}, with meta_bg, sparse_super and sparse_super2).
 */
final class GroupTable {
    /** A generous estimate of one parsed descriptor's heap footprint. */
    private static final long GROUP_BYTES = 128;

    private final Superblock sb;
    private final GroupDescriptor[] groups;
    private final long inodeTableBlocks;

    private GroupTable(Superblock sb, GroupDescriptor[] groups) {
        this.sb = sb;
        this.groups = groups;
        this.inodeTableBlocks = (sb.inodesPerGroup() * sb.inodeSize() + sb.blockSize() - 1) / sb.blockSize();
    }

    static GroupTable read(BlockReader reader, Superblock sb) {
        long count = sb.groupCount();
        long budget = Runtime.getRuntime().maxMemory() / 4 / GROUP_BYTES;
        if (count > budget) {
            throw new EnvironmentException(reader.image() + ": the ext file system has " + count
                    + " block groups, more than fit in memory; run with a larger Java heap (JAVA_OPTS=-Xmx4g)");
        }
        int perBlock = sb.descriptorsPerBlock();
        GroupDescriptor[] groups = new GroupDescriptor[(int) count];
        ByteBuffer block = reader.newBlockBuffer();
        GroupTable table = new GroupTable(sb, groups);
        for (long first = 0; first < count; first += perBlock) {
            long at = table.descriptorBlock(first);
            reader.readBlock(at, block, "group descriptor block of group " + first);
            for (long g = first; g < Math.min(count, first + perBlock); g++) {
                GroupDescriptor d = GroupDescriptor.parse(block, (int) (g - first) * sb.descSize(), g, sb);
                table.check(reader, d);
                groups[(int) g] = d;
            }
        }
        return table;
    }

    private void check(BlockReader reader, GroupDescriptor d) {
        checkBlock(reader, d, "bg_block_bitmap", d.blockBitmap(), 1);
        checkBlock(reader, d, "bg_inode_bitmap", d.inodeBitmap(), 1);
        checkBlock(reader, d, "bg_inode_table", d.inodeTable(), inodeTableBlocks);
        if (d.itableUnused() > sb.inodesPerGroup()) {
            throw new BadInputException(reader.image() + ": corrupt ext group descriptor " + d.group()
                    + ": bg_itable_unused is " + d.itableUnused() + ", more than the group's "
                    + sb.inodesPerGroup() + " inodes; run e2fsck on the image");
        }
    }

    private void checkBlock(BlockReader reader, GroupDescriptor d, String field, long block, long length) {
        if (block < sb.firstDataBlock() || block >= sb.blocksCount() || length > sb.blocksCount() - block) {
            throw new BadInputException(reader.image() + ": corrupt ext group descriptor " + d.group() + ": " + field
                    + " is block " + block + ", outside the file system's " + sb.blocksCount()
                    + " blocks; run e2fsck on the image");
        }
    }

    Superblock superblock() {
        return sb;
    }

    long count() {
        return groups.length;
    }

    GroupDescriptor get(long g) {
        return groups[(int) g];
    }

    long inodeTableBlocks() {
        return inodeTableBlocks;
    }

    long firstBlock(long g) {
        return sb.firstDataBlock() + g * sb.blocksPerGroup();
    }

    /** Blocks in group {@code g}: {@code s_blocks_per_group}, less in the last group. */
    long blocksInGroup(long g) {
        return Math.min(sb.blocksPerGroup(), sb.blocksCount() - firstBlock(g));
    }

    /** Where the descriptor of group {@code g} is ({@code ext2fs_descriptor_block_loc2}, primary copy). */
    long descriptorBlock(long g) {
        long index = g / sb.descriptorsPerBlock();
        if (!sb.hasIncompat(Features.INCOMPAT_META_BG) || index < sb.firstMetaBg()) {
            return sb.firstDataBlock() + 1 + index;
        }
        long first = index * sb.descriptorsPerBlock();
        return groupBlock(first) + (sb.groupHasSuper(first) ? 1 : 0);
    }

    private long groupBlock(long g) {
        long b = firstBlock(g);
        return b == 0 && sb.blockSize() == 1024 ? 1 : b;
    }

    /** Number of descriptor blocks: {@code ceil(groups / descriptors per block)}. */
    long descriptorBlocks() {
        return (groups.length + sb.descriptorsPerBlock() - 1) / sb.descriptorsPerBlock();
    }

    /**
     * The fixed metadata of group {@code g} as {@code [start, length]} pairs: superblock copy, old-style
     * descriptor blocks plus reserved GDT blocks, or the meta_bg descriptor block.
     */
    long[] fixedMetadata(long g) {
        long start = groupBlock(g);
        boolean hasSuper = sb.groupHasSuper(g);
        long perBlock = sb.descriptorsPerBlock();
        long metaGroup = g / perBlock;
        List<long[]> out = new ArrayList<>(3);
        if (hasSuper) {
            out.add(new long[] {start, 1});
        }
        boolean metaBg = sb.hasIncompat(Features.INCOMPAT_META_BG);
        if (!metaBg || metaGroup < sb.firstMetaBg()) {
            if (hasSuper) {
                long old = metaBg ? sb.firstMetaBg() : descriptorBlocks() + sb.reservedGdtBlocks();
                old = Math.min(old, blocksInGroup(g) - 1);
                if (old > 0) {
                    out.add(new long[] {start + 1, old});
                }
            }
        } else {
            long r = g % perBlock;
            if (r == 0 || r == 1 || r == perBlock - 1) {
                out.add(new long[] {start + (hasSuper ? 1 : 0), 1});
            }
        }
        long[] flat = new long[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            flat[2 * i] = out.get(i)[0];
            flat[2 * i + 1] = out.get(i)[1];
        }
        return flat;
    }

    /**
     * Every metadata range of the file system as sorted {@code [start, length]} pairs: the fixed
     * metadata of each group and every group's bitmaps and inode table, wherever flex_bg put them.
     */
    long[] allMetadataSorted() {
        List<long[]> ranges = new ArrayList<>();
        for (long g = 0; g < groups.length; g++) {
            long[] fixed = fixedMetadata(g);
            for (int i = 0; i < fixed.length; i += 2) {
                ranges.add(new long[] {fixed[i], fixed[i + 1]});
            }
            GroupDescriptor d = groups[(int) g];
            ranges.add(new long[] {d.blockBitmap(), 1});
            ranges.add(new long[] {d.inodeBitmap(), 1});
            ranges.add(new long[] {d.inodeTable(), inodeTableBlocks});
        }
        long[][] sorted = ranges.toArray(new long[0][]);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        long[] flat = new long[sorted.length * 2];
        for (int i = 0; i < sorted.length; i++) {
            flat[2 * i] = sorted[i][0];
            flat[2 * i + 1] = sorted[i][1];
        }
        return flat;
    }
}
