package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries out a {@link PrunePlan} in three phases, each synced before the next, so that an interruption
 * anywhere leaves at worst what e2fsck calls leaks (unattached inodes, link counts too high, blocks and
 * inodes marked used that nothing uses), never something marked free that is still referred to:
 * <ol>
 * <li>{@link PrunePhases.Phase#ENTRIES}: the names leave the pruned directory (an entry's length merges into
 *     the one before it, or its inode field becomes 0 when it is the first of its block, as the kernel does;
 *     the block's checksum tail is rewritten), then the directory's link count falls by the removed
 *     subdirectories.</li>
 * <li>{@link PrunePhases.Phase#INODES}: freed inodes get no links and a deletion time, hard links elsewhere
 *     lose the removed names, shared xattr blocks lose references; then the inode bitmaps, the descriptors'
 *     free inode and used directory counts, and the superblock's free inodes.</li>
 * <li>{@link PrunePhases.Phase#BLOCKS}: the block bitmaps, the descriptors' free block counts, the
 *     superblock's free blocks.</li>
 * </ol>
 * The superblock is marked not cleanly unmounted before the first change and clean again with the last, as
 * a mount would: an interrupted run is then repaired by the e2fsck the guest runs at boot, and refused by
 * vmdisk until then. Every structure is read again from the image just before it is changed and checked to be as the plan
 * found it; every checksum it carries is rewritten. Extent and indirect blocks are never written.
 */
public final class PruneWriter {
    private final Ext4Volume volume;
    private final Superblock sb;
    private final GroupTable groups;
    private final BlockReader reader;
    private final FsWriter out;
    private final int bs;
    private final long now;

    private PruneWriter(Ext4Volume volume, FsWriter out, long nowSeconds) {
        this.volume = volume;
        this.sb = volume.superblock();
        this.groups = volume.groups();
        this.reader = volume.reader();
        this.out = out;
        this.bs = sb.blockSize();
        this.now = nowSeconds;
    }

    /** Writes {@code plan}, built on {@code volume}, through {@code out}; {@code phases} is asked before and told after each phase. */
    public static void write(Ext4Volume volume, PrunePlan plan, FsWriter out, PrunePhases phases, long nowSeconds) {
        if (plan.isEmpty()) {
            return;
        }
        PruneWriter w = new PruneWriter(volume, out, nowSeconds);
        phases.before(PrunePhases.Phase.ENTRIES);
        w.removeEntries(plan);
        out.sync();
        phases.after(PrunePhases.Phase.ENTRIES);
        phases.before(PrunePhases.Phase.INODES);
        w.freeInodes(plan);
        out.sync();
        phases.after(PrunePhases.Phase.INODES);
        phases.before(PrunePhases.Phase.BLOCKS);
        w.freeBlocks(plan);
        out.sync();
        phases.after(PrunePhases.Phase.BLOCKS);
    }

    /**
     * The byte ranges of the file system the plan writes, as {@code [position, length]} pairs (directory
     * blocks, inodes, xattr blocks, bitmaps, descriptor blocks, the superblock): for a format that can only
     * overwrite data it already holds (ASIF), checked before the first write.
     */
    public static List<long[]> writeRanges(Ext4Volume volume, PrunePlan plan) {
        PruneWriter w = new PruneWriter(volume, null, 0);
        TreeMap<Long, Long> ranges = new TreeMap<>();
        plan.entryEdits.keySet().forEach(b -> ranges.put(b * w.bs, (long) w.bs));
        ranges.put(w.inodePosition(plan.parentInode), (long) w.sb.inodeSize());
        plan.freeInodes.keySet().forEach(i -> ranges.put(w.inodePosition(i) / w.bs * w.bs, (long) w.bs));
        plan.linkDrops.keySet().forEach(i -> ranges.put(w.inodePosition(i) / w.bs * w.bs, (long) w.bs));
        plan.xattrDrops.keySet().forEach(b -> ranges.put(b * w.bs, (long) w.bs));
        for (long g : w.inodeGroups(plan).keySet()) {
            ranges.put(w.groups.get(g).inodeBitmap() * w.bs, (long) w.bs);
            ranges.put(w.groups.descriptorBlock(g) * w.bs, (long) w.bs);
        }
        for (long g : w.blockGroups(plan).keySet()) {
            ranges.put(w.groups.get(g).blockBitmap() * w.bs, (long) w.bs);
            ranges.put(w.groups.descriptorBlock(g) * w.bs, (long) w.bs);
        }
        ranges.put((long) Superblock.OFFSET_IN_FS, (long) Superblock.SIZE);
        return ranges.entrySet().stream().map(e -> new long[] {e.getKey(), e.getValue()}).toList();
    }

    // ---- phase 1: names

    private void removeEntries(PrunePlan plan) {
        updateSuperblock(false); // "not clean" first: an interrupted run leaves a file system the guest's boot-time e2fsck repairs
        ByteBuffer parent = readInode(plan.parentInode);
        int seed = sb.metadataCsum() ? Inode.parse(parent, 0, plan.parentInode, sb).checksumSeed(sb.checksumSeed()) : 0;
        ByteBuffer block = reader.newBlockBuffer();
        for (Map.Entry<Long, List<PrunePlan.EntryRef>> edit : plan.entryEdits.entrySet()) {
            long at = edit.getKey();
            reader.readBlock(at, block, "directory block " + at);
            for (PrunePlan.EntryRef ref : edit.getValue()) {
                removeEntry(block, at, ref);
            }
            if (sb.metadataCsum()) {
                MetadataChecksums.setDirTail(block, bs, seed);
            }
            write(at * bs, block);
        }
        int links = Le.u16(parent, Inode.I_LINKS_COUNT);
        if (links != 1) { // 1: dir_nlink's "too many to count", which stays
            LePut.u16(parent, Inode.I_LINKS_COUNT, links - plan.removedSubdirs);
        }
        setTime(parent, Inode.I_MTIME, Inode.I_MTIME_EXTRA);
        setTime(parent, Inode.I_CTIME, Inode.I_CTIME_EXTRA);
        writeInode(parent, plan.parentInode);
    }

    /** Removes the entry at {@code ref.offset()}: its length joins the entry before it, or, first in its block, its inode becomes 0. */
    private void removeEntry(ByteBuffer block, long at, PrunePlan.EntryRef ref) {
        int previous = -1;
        int off = 0;
        while (off < ref.offset()) {
            int recLen = Directories.recLen(Le.u16(block, off + 4), bs);
            if (recLen < 8 || off + recLen > bs) {
                throw changed("directory block " + at);
            }
            previous = off;
            off += recLen;
        }
        int nameLen = Le.u8(block, off + 6);
        byte[] name = new byte[nameLen];
        block.get(off + 8, name);
        if (off != ref.offset() || Le.u32(block, off) != ref.inode()
                || !new String(name, StandardCharsets.UTF_8).equals(ref.name())) {
            throw changed("the entry '" + ref.name() + "' in directory block " + at);
        }
        if (previous < 0) {
            LePut.u32(block, off, 0);
        } else {
            int merged = Directories.recLen(Le.u16(block, previous + 4), bs) + Directories.recLen(Le.u16(block, off + 4), bs);
            LePut.u16(block, previous + 4, recLenToDisk(merged));
        }
    }

    /** {@code ext4_rec_len_to_disk}: 64 KiB blocks fold their largest lengths. */
    private int recLenToDisk(int len) {
        if (bs < 65536) {
            return len;
        }
        return len == 65536 ? 65535 : (len & 65532) | ((len >>> 16) & 3);
    }

    // ---- phase 2: inodes

    private void freeInodes(PrunePlan plan) {
        TreeMap<Long, Integer> edits = new TreeMap<>(); // inode -> names it loses; 0: freed
        plan.freeInodes.keySet().forEach(i -> edits.put(i, 0));
        plan.linkDrops.forEach(edits::put);
        editInodes(edits, (raw, number, drop) -> {
            if (drop == 0) {
                LePut.u16(raw, Inode.I_LINKS_COUNT, 0);
                LePut.u32(raw, Inode.I_DTIME, now & 0xFFFF_FFFFL);
                return;
            }
            int links = Le.u16(raw, Inode.I_LINKS_COUNT);
            if (links <= drop) {
                throw changed("the link count of inode " + number);
            }
            LePut.u16(raw, Inode.I_LINKS_COUNT, links - drop);
            setTime(raw, Inode.I_CTIME, Inode.I_CTIME_EXTRA);
        });
        ByteBuffer block = reader.newBlockBuffer();
        for (Map.Entry<Long, Integer> x : plan.xattrDrops.entrySet()) {
            long b = x.getKey();
            reader.readBlock(b, block, "extended attribute block " + b);
            long refs = Le.u32(block, PrunePlanner.XATTR_REFCOUNT);
            if (Le.u32(block, 0) != PrunePlanner.XATTR_MAGIC || refs <= x.getValue()) {
                throw changed("extended attribute block " + b);
            }
            LePut.u32(block, PrunePlanner.XATTR_REFCOUNT, refs - x.getValue());
            if (sb.metadataCsum()) {
                LePut.u32(block, PrunePlanner.XATTR_CHECKSUM, MetadataChecksums.xattrBlock(sb, b, block));
            }
            write(b * bs, block);
        }
        ByteBuffer bitmap = reader.newBlockBuffer();
        int bytes = (int) (sb.inodesPerGroup() / 8);
        for (Map.Entry<Long, long[]> g : inodeGroups(plan).entrySet()) {
            GroupDescriptor d = groups.get(g.getKey());
            reader.readBlock(d.inodeBitmap(), bitmap, "inode bitmap of group " + g.getKey());
            for (long ino : plan.freeInodes.subMap(g.getKey() * sb.inodesPerGroup() + 1, (g.getKey() + 1) * sb.inodesPerGroup() + 1).keySet()) {
                clearBit(bitmap, (int) ((ino - 1) % sb.inodesPerGroup()), "inode " + ino);
            }
            write(d.inodeBitmap() * bs, bitmap);
            long csum = sb.metadataCsum() ? MetadataChecksums.bitmap(sb, bitmap, bytes) : -1;
            updateDescriptor(g.getKey(), desc -> {
                addCount(desc, GroupDescriptor.BG_FREE_INODES_COUNT_LO, GroupDescriptor.BG_FREE_INODES_COUNT_HI, g.getValue()[0]);
                addCount(desc, BG_USED_DIRS_COUNT_LO, BG_USED_DIRS_COUNT_HI, -g.getValue()[1]);
                if (csum >= 0) {
                    setCsum(desc, GroupDescriptor.BG_INODE_BITMAP_CSUM_LO, GroupDescriptor.BG_INODE_BITMAP_CSUM_HI, csum);
                }
            });
        }
        updateSuperblock(null);
    }

    static final int BG_USED_DIRS_COUNT_LO = 0x10;
    static final int BG_USED_DIRS_COUNT_HI = 0x30;

    /** Group → {inodes freed there, directories among them}. */
    private TreeMap<Long, long[]> inodeGroups(PrunePlan plan) {
        TreeMap<Long, long[]> out = new TreeMap<>();
        plan.freeInodes.forEach((ino, dir) -> {
            long[] c = out.computeIfAbsent((ino - 1) / sb.inodesPerGroup(), k -> new long[2]);
            c[0]++;
            c[1] += dir ? 1 : 0;
        });
        return out;
    }

    // ---- phase 3: blocks

    private void freeBlocks(PrunePlan plan) {
        ByteBuffer bitmap = reader.newBlockBuffer();
        int bytes = (int) (sb.blocksPerGroup() / 8);
        for (Map.Entry<Long, long[]> g : blockGroups(plan).entrySet()) {
            long group = g.getKey();
            GroupDescriptor d = groups.get(group);
            reader.readBlock(d.blockBitmap(), bitmap, "block bitmap of group " + group);
            long first = groups.firstBlock(group);
            long end = first + groups.blocksInGroup(group);
            long freed = 0;
            Map.Entry<Long, Long> run = plan.freeBlocks.floorEntry(first);
            Long key = run != null && run.getKey() + run.getValue() > first ? run.getKey() : plan.freeBlocks.ceilingKey(first);
            while (key != null && key < end) {
                long runEnd = key + plan.freeBlocks.get(key);
                for (long b = Math.max(key, first); b < Math.min(runEnd, end); b++) {
                    clearBit(bitmap, (int) (b - first), "block " + b);
                    freed++;
                }
                key = plan.freeBlocks.higherKey(key);
            }
            if (freed != g.getValue()[0]) {
                throw new IllegalStateException("group " + group + ": freed " + freed + " of " + g.getValue()[0] + " blocks");
            }
            write(d.blockBitmap() * bs, bitmap);
            long csum = sb.metadataCsum() ? MetadataChecksums.bitmap(sb, bitmap, bytes) : -1;
            long n = freed;
            updateDescriptor(group, desc -> {
                addCount(desc, GroupDescriptor.BG_FREE_BLOCKS_COUNT_LO, GroupDescriptor.BG_FREE_BLOCKS_COUNT_HI, n);
                if (csum >= 0) {
                    setCsum(desc, GroupDescriptor.BG_BLOCK_BITMAP_CSUM_LO, GroupDescriptor.BG_BLOCK_BITMAP_CSUM_HI, csum);
                }
            });
        }
        updateSuperblock(true); // every change is in: clean again
    }

    /** Group → {blocks freed there}. */
    private TreeMap<Long, long[]> blockGroups(PrunePlan plan) {
        TreeMap<Long, long[]> out = new TreeMap<>();
        plan.freeBlocks.forEach((first, count) -> {
            for (long b = first; b < first + count; ) {
                long g = (b - sb.firstDataBlock()) / sb.blocksPerGroup();
                long groupEnd = groups.firstBlock(g) + groups.blocksInGroup(g);
                long n = Math.min(first + count, groupEnd) - b;
                out.computeIfAbsent(g, k -> new long[1])[0] += n;
                b += n;
            }
        });
        return out;
    }

    // ---- shared structures

    private interface DescriptorEdit {
        void apply(ByteBuffer desc);
    }

    /** Reads group {@code g}'s descriptor from the image, edits it, rewrites its checksum and writes it back. */
    private void updateDescriptor(long g, DescriptorEdit edit) {
        long block = groups.descriptorBlock(g);
        int at = (int) (g % sb.descriptorsPerBlock()) * sb.descSize();
        ByteBuffer desc = ByteBuffer.allocate(sb.descSize()).order(ByteOrder.LITTLE_ENDIAN);
        reader.readBytes(block * bs + at, desc, "group descriptor " + g);
        edit.apply(desc);
        if (sb.groupChecksums()) {
            LePut.u16(desc, GroupDescriptor.BG_CHECKSUM, GroupDescriptor.expectedChecksum(desc, 0, g, sb));
        }
        write(block * bs + at, desc);
    }

    /** Adds {@code delta} to a lo/hi 16-bit pair (hi only with 64-byte descriptors); a count that would leave its range means the image changed. */
    private void addCount(ByteBuffer desc, int lo, int hi, long delta) {
        boolean wide = sb.descSize() >= 64;
        long value = Le.u16(desc, lo) | (wide ? (long) Le.u16(desc, hi) << 16 : 0);
        long next = value + delta;
        if (next < 0 || next > (wide ? 0xFFFF_FFFFL : 0xFFFF)) {
            throw changed("a group descriptor count");
        }
        LePut.u16(desc, lo, next & 0xFFFF);
        if (wide) {
            LePut.u16(desc, hi, next >>> 16);
        }
    }

    private void setCsum(ByteBuffer desc, int lo, int hi, long csum) {
        LePut.u16(desc, lo, csum & 0xFFFF);
        if (sb.descSize() >= hi + 2) {
            LePut.u16(desc, hi, csum >>> 16);
        }
    }

    /**
     * Sets the superblock's free counts to the sums of every descriptor now on the image, its state's
     * "cleanly unmounted" bit when {@code clean} is not null (false while prune writes, as a mounted file
     * system has it), and its checksum.
     */
    private void updateSuperblock(Boolean clean) {
        long freeBlocks = 0;
        long freeInodes = 0;
        ByteBuffer block = reader.newBlockBuffer();
        for (long first = 0; first < groups.count(); first += sb.descriptorsPerBlock()) {
            reader.readBlock(groups.descriptorBlock(first), block, "group descriptor block of group " + first);
            for (long g = first; g < Math.min(groups.count(), first + sb.descriptorsPerBlock()); g++) {
                GroupDescriptor d = GroupDescriptor.parse(block, (int) (g - first) * sb.descSize(), g, sb);
                freeBlocks += d.freeBlocks();
                freeInodes += d.freeInodes();
            }
        }
        ByteBuffer raw = ByteBuffer.allocate(Superblock.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        reader.readBytes(Superblock.OFFSET_IN_FS, raw, "ext superblock");
        if (Le.u16(raw, Superblock.S_MAGIC) != Superblock.EXT4_MAGIC) {
            throw changed("the superblock");
        }
        LePut.u32(raw, Superblock.S_FREE_BLOCKS_COUNT_LO, freeBlocks & 0xFFFF_FFFFL);
        if (sb.hasIncompat(Features.INCOMPAT_64BIT)) {
            LePut.u32(raw, Superblock.S_FREE_BLOCKS_COUNT_HI, freeBlocks >>> 32);
        }
        LePut.u32(raw, Superblock.S_FREE_INODES_COUNT, freeInodes);
        if (clean != null) {
            int state = Le.u16(raw, Superblock.S_STATE);
            LePut.u16(raw, Superblock.S_STATE, clean ? state | Superblock.STATE_VALID : state & ~Superblock.STATE_VALID);
        }
        MetadataChecksums.setSuperblock(sb, raw);
        write(Superblock.OFFSET_IN_FS, raw);
    }

    private long inodePosition(long number) {
        long g = (number - 1) / sb.inodesPerGroup();
        long index = (number - 1) % sb.inodesPerGroup();
        return groups.get(g).inodeTable() * bs + index * sb.inodeSize();
    }

    private interface InodeEdit {
        void apply(ByteBuffer raw, long number, int value);
    }

    /**
     * Edits many inodes a table block at a time: each block holding one of them is read once, every inode
     * edited in it is checked (its checksum) and changed and gets its checksum, and the block is written once
     * (a syscall per inode made prune's inode phase most of its run on large sessions). The block's other
     * inodes are written back as they were just read.
     */
    private void editInodes(TreeMap<Long, Integer> edits, InodeEdit edit) {
        ByteBuffer block = reader.newBlockBuffer();
        ByteBuffer raw = ByteBuffer.allocate(sb.inodeSize()).order(ByteOrder.LITTLE_ENDIAN);
        long loaded = -1;
        for (Map.Entry<Long, Integer> e : edits.entrySet()) {
            long number = e.getKey();
            long pos = inodePosition(number);
            long b = pos / bs;
            if (b != loaded) {
                if (loaded >= 0) {
                    write(loaded * bs, block);
                }
                reader.readBlock(b, block, "inode table block " + b);
                loaded = b;
            }
            int at = (int) (pos % bs);
            raw.clear();
            raw.put(0, block, at, sb.inodeSize());
            if (sb.metadataCsum() && !Inode.parse(raw, 0, number, sb).checksumValid(sb.checksumSeed())) {
                throw changed("inode " + number);
            }
            edit.apply(raw, number, e.getValue());
            MetadataChecksums.setInode(sb, raw, number);
            block.put(at, raw, 0, sb.inodeSize());
        }
        if (loaded >= 0) {
            write(loaded * bs, block);
        }
    }

    private ByteBuffer readInode(long number) {
        ByteBuffer raw = ByteBuffer.allocate(sb.inodeSize()).order(ByteOrder.LITTLE_ENDIAN);
        reader.readBytes(inodePosition(number), raw, "inode " + number);
        if (sb.metadataCsum() && !Inode.parse(raw, 0, number, sb).checksumValid(sb.checksumSeed())) {
            throw changed("inode " + number);
        }
        return raw;
    }

    private void writeInode(ByteBuffer raw, long number) {
        MetadataChecksums.setInode(sb, raw, number);
        write(inodePosition(number), raw);
    }

    /** Sets a time field to now: the seconds, and (where the inode has it) its extra field to no nanoseconds and epoch 0. */
    private void setTime(ByteBuffer raw, int field, int extraField) {
        LePut.u32(raw, field, now & 0xFFFF_FFFFL);
        int extra = raw.capacity() > Inode.GOOD_OLD_INODE_SIZE ? Le.u16(raw, Inode.I_EXTRA_ISIZE) : 0;
        if (Inode.GOOD_OLD_INODE_SIZE + extra >= extraField + 4) {
            LePut.u32(raw, extraField, 0);
        }
    }

    private void clearBit(ByteBuffer bitmap, int bit, String what) {
        int b = bitmap.get(bit >>> 3) & 0xFF;
        if ((b & (1 << (bit & 7))) == 0) {
            throw changed(what + " (already free in its bitmap)");
        }
        bitmap.put(bit >>> 3, (byte) (b & ~(1 << (bit & 7))));
    }

    private void write(long position, ByteBuffer bytes) {
        out.write(position, bytes.duplicate().clear());
    }

    private BadInputException changed(String what) {
        return new BadInputException(volume.name() + ": " + what + " changed since prune read it; stopped (run e2fsck -f on the image)");
    }
}
