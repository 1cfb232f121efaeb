package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corrupt images: each must end in a one-line BadInputException, never a referenced block reported free. */
@Timeout(120)
class Ext4MutationIT {
    @TempDir
    Path dir;

    /** The file system's structures, read from an image before it is mutated. */
    private record Layout(Superblock sb, GroupTable groups) {
        long inodeOffset(long number) {
            long g = (number - 1) / sb.inodesPerGroup();
            long index = (number - 1) % sb.inodesPerGroup();
            return groups.get(g).inodeTable() * sb.blockSize() + index * sb.inodeSize();
        }

        long groupOf(long block) {
            return (block - sb.firstDataBlock()) / sb.blocksPerGroup();
        }

        long descriptorOffset(long g) {
            return groups.descriptorBlock(g) * sb.blockSize() + (g % sb.descriptorsPerBlock()) * sb.descSize();
        }
    }

    private static Layout layout(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            BlockReader r = new BlockReader(ch, 0, ch.size(), image);
            ByteBuffer raw = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
            r.readBytes(1024, raw, "sb");
            Superblock sb = Superblock.parse(raw, image, ch.size());
            r.setGeometry(sb.blockSize(), sb.blocksCount());
            return new Layout(sb, GroupTable.read(r, sb));
        }
    }

    private static ByteBuffer read(Path image, long offset, int length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
            byte[] b = new byte[length];
            f.seek(offset);
            f.readFully(b);
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static void write(Path image, long offset, ByteBuffer b) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(offset);
            f.write(b.array(), 0, b.capacity());
        }
    }

    private static List<FreeRun> freeRuns(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            return Ext4Volume.open(ch, 0, ch.size(), image).freeRuns();
        }
    }

    private static BadInputException refused(Path image) {
        return assertThrows(BadInputException.class, () -> freeRuns(image));
    }

    private static long firstBlock(Path image, String path) {
        String out = Tools.run("debugfs", "-R", "blocks " + path, image.toString()).orThrow().stdout().trim();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static long inodeNumber(Path image, String path) {
        String out = Tools.run("debugfs", "-R", "stat " + path, image.toString()).orThrow().stdout();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Inode: (\\d+)").matcher(out);
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    /** Clears block {@code block}'s bit in its group's bitmap; with {@code fixChecksum}, rewrites the bitmap checksum too. */
    private static void clearBitmapBit(Path image, Layout l, long block, boolean fixChecksum) throws IOException {
        long g = l.groupOf(block);
        GroupDescriptor d = l.groups().get(g);
        int bs = l.sb().blockSize();
        ByteBuffer bitmap = read(image, d.blockBitmap() * bs, bs);
        int bit = (int) (block - l.groups().firstBlock(g));
        bitmap.put(bit >>> 3, (byte) (bitmap.get(bit >>> 3) & ~(1 << (bit & 7))));
        write(image, d.blockBitmap() * bs, bitmap);
        if (fixChecksum) {
            int c = Crc32c.update(l.sb().checksumSeed(), bitmap, 0, (int) (l.sb().blocksPerGroup() / 8));
            long at = l.descriptorOffset(g);
            ByteBuffer desc = read(image, at, l.sb().descSize());
            desc.putShort(GroupDescriptor.BG_BLOCK_BITMAP_CSUM_LO, (short) c);
            if (l.sb().descSize() >= 64) {
                desc.putShort(GroupDescriptor.BG_BLOCK_BITMAP_CSUM_HI, (short) (c >>> 16));
            }
            desc.putShort(GroupDescriptor.BG_CHECKSUM, (short) GroupDescriptor.expectedChecksum(desc, 0, g, l.sb()));
            write(image, at, desc);
        }
    }

    @Test
    void aBitmapBitClearedUnderALiveFileIsRefusedNamingBlockAndInode() throws IOException {
        Tools.require("debugfs");
        for (String name : List.of("ext2-1k.img", "ext4-4k.img")) {
            Path image = Fixtures.copy(name, dir);
            long block = firstBlock(image, "/home/user/big.bin");
            long ino = inodeNumber(image, "/home/user/big.bin");
            clearBitmapBit(image, layout(image), block, true);
            BadInputException e = refused(image);
            assertTrue(e.getMessage().contains("block " + block) && e.getMessage().contains("inode " + ino),
                    e.getMessage());
        }
    }

    @Test
    void aBitmapBitClearedUnderGroupMetadataIsRefused() throws IOException {
        Path image = Fixtures.copy("ext3-1k.img", dir);
        Layout l = layout(image);
        long table = l.groups().get(0).inodeTable();
        clearBitmapBit(image, l, table + 1, false);
        assertTrue(refused(image).getMessage().contains("block " + (table + 1)));
    }

    @Test
    void aWrongBitmapChecksumIsRefused() throws IOException {
        Tools.require("debugfs");
        Path image = Fixtures.copy("ext4-4k.img", dir);
        clearBitmapBit(image, layout(image), firstBlock(image, "/var/log/syslog"), false);
        assertThrows(BadInputException.class, () -> freeRuns(image));
    }

    @Test
    void aWrongGroupDescriptorChecksumRefusesTrim() throws IOException {
        for (String name : List.of("ext4-4k.img", "ext4-htree.img")) {
            Path image = Fixtures.copy(name, dir);
            Layout l = layout(image);
            long g = l.groups().count() - 1;
            long at = l.descriptorOffset(g) + GroupDescriptor.BG_CHECKSUM;
            ByteBuffer b = read(image, at, 2);
            b.put(0, (byte) (b.get(0) ^ 0x5A));
            write(image, at, b);
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
                TrimVerdict v = Ext4Volume.open(ch, 0, ch.size(), image).trimVerdict();
                assertFalse(v.allowed(), name + ": " + v);
                assertTrue(v.reason().contains("group " + g) && v.reason().contains("e2fsck"), v.reason());
            }
            assertTrue(refused(image).getMessage().contains("checksum"));
        }
    }

    @Test
    void aTruncatedImageIsBadInput() throws IOException {
        Path image = Fixtures.copy("ext4-4k.img", dir);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertTrue(refused(image).getMessage().contains("truncated"));
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(1500);
        }
        assertThrows(BadInputException.class, () -> freeRuns(image));
    }

    /** Rewrites an extent-mapped inode so its tree is root (depth 2) -> block X (depth 1) -> X -> ...: a loop. */
    @Test
    void aLoopInAnExtentTreeIsRefused() throws IOException {
        Tools.require("debugfs");
        Path image = Fixtures.copy("ext4-htree.img", dir);
        Layout l = layout(image);
        long ino = inodeNumber(image, "/home/user/big.bin");
        long x = firstBlock(image, "/home/user/big.bin");
        ByteBuffer inode = read(image, l.inodeOffset(ino), l.sb().inodeSize());
        putIndexNode(inode, Inode.I_BLOCK, 4, 2, x);
        write(image, l.inodeOffset(ino), inode);
        ByteBuffer node = ByteBuffer.allocate(l.sb().blockSize()).order(ByteOrder.LITTLE_ENDIAN);
        putIndexNode(node, 0, (l.sb().blockSize() - 12) / 12, 1, x);
        write(image, x * l.sb().blockSize(), node);
        assertTrue(refused(image).getMessage().contains("inode " + ino));

        // the same block twice at one level, each time with a consistent depth
        putIndexNode(inode, Inode.I_BLOCK, 4, 1, x);
        inode.putShort(Inode.I_BLOCK + BlockMap.EH_ENTRIES, (short) 2);
        inode.putInt(Inode.I_BLOCK + 24, 1000);
        inode.putInt(Inode.I_BLOCK + 28, (int) x);
        write(image, l.inodeOffset(ino), inode);
        node.clear();
        node.put(new byte[node.capacity()]);
        node.putShort(0, (short) BlockMap.EH_MAGIC).putShort(BlockMap.EH_MAX, (short) 4);
        write(image, x * l.sb().blockSize(), node);
        assertTrue(refused(image).getMessage().contains("twice"), refused(image).getMessage());
    }

    private static void putIndexNode(ByteBuffer b, int at, int max, int depth, long child) {
        b.putShort(at, (short) BlockMap.EH_MAGIC).putShort(at + BlockMap.EH_ENTRIES, (short) 1)
                .putShort(at + BlockMap.EH_MAX, (short) max).putShort(at + BlockMap.EH_DEPTH, (short) depth)
                .putInt(at + 8, 0).putInt(at + 12, 0).putInt(at + 16, (int) child).putShort(at + 20, (short) 0);
    }

    @Test
    void twoInodesSharingABlockAreRefused() throws IOException {
        Tools.require("debugfs");
        Path image = Fixtures.copy("ext2-1k.img", dir);
        Layout l = layout(image);
        long ino = inodeNumber(image, "/etc/hostname");
        long shared = firstBlock(image, "/var/log/syslog");
        ByteBuffer inode = read(image, l.inodeOffset(ino), l.sb().inodeSize());
        inode.putInt(Inode.I_BLOCK, (int) shared);
        write(image, l.inodeOffset(ino), inode);
        assertTrue(refused(image).getMessage().contains("block " + shared), refused(image).getMessage());
    }

    @Test
    void aBlockPointerOutsideTheFileSystemIsBadInput() throws IOException {
        Tools.require("debugfs");
        Path image = Fixtures.copy("ext3-1k.img", dir);
        Layout l = layout(image);
        long ino = inodeNumber(image, "/home/user/big.bin");
        ByteBuffer inode = read(image, l.inodeOffset(ino), l.sb().inodeSize());
        inode.putInt(Inode.I_BLOCK + 13 * 4, 0x7FFF_FFF0);
        write(image, l.inodeOffset(ino), inode);
        assertTrue(refused(image).getMessage().contains("outside"));
    }

    @Test
    void aDirectoryLoopDoesNotHangDu() throws IOException {
        Tools.require("debugfs");
        Path image = Fixtures.copy("ext2-1k.img", dir);
        long docs = inodeNumber(image, "/home/user/docs");
        // point "report.txt" in /home/user/docs at the root directory: / -> home -> user -> docs -> /
        Tools.run("debugfs", "-w", "-R", "unlink /home/user/docs/report.txt", image.toString()).orThrow();
        Tools.run("debugfs", "-w", "-R", "link <2> /home/user/docs/loop", image.toString()).orThrow();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            DiskUsage du = Ext4Volume.open(ch, 0, ch.size(), image).du("/home/user/docs", -1);
            assertTrue(du.bytes() > 0);
            assertTrue(du.entries().size() < 20, du.entries().toString());
            assertTrue(docs > 0);
        }
    }

    @Test
    void uncleanStatesAreRefusedWithARemedy() throws IOException {
        record Case(int offset, int value, int size, String expect) {
        }
        List<Case> cases = List.of(
                new Case(Superblock.S_STATE, 0, 2, "cleanly"),
                new Case(Superblock.S_STATE, 3, 2, "errors"),
                new Case(Superblock.S_LAST_ORPHAN, 12, 4, "orphan"),
                new Case(Superblock.S_FEATURE_INCOMPAT, -1, 4, "needs_recovery"));
        for (Case c : cases) {
            Path image = Fixtures.copy("ext4-4k.img", dir);
            ByteBuffer sb = read(image, 1024, 1024);
            if (c.value() == -1) {
                sb.putInt(c.offset(), sb.getInt(c.offset()) | (int) Features.INCOMPAT_RECOVER);
            } else if (c.size() == 2) {
                sb.putShort(c.offset(), (short) c.value());
            } else {
                sb.putInt(c.offset(), c.value());
            }
            sb.putInt(Superblock.S_CHECKSUM, Crc32c.update(~0, sb, 0, Superblock.S_CHECKSUM));
            write(image, 1024, sb);
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
                TrimVerdict v = Ext4Volume.open(ch, 0, ch.size(), image).trimVerdict();
                assertFalse(v.allowed(), c.toString());
                String expect = c.expect().equals("needs_recovery") ? "journal needs recovery" : c.expect();
                assertTrue(v.reason().contains(expect) && v.reason().contains("e2fsck"), v.reason());
            }
            assertThrows(BadInputException.class, () -> freeRuns(image));
        }
    }

    @Test
    void aJournalWithTransactionsRefusesTrimEvenWithoutTheRecoveryFlag() throws IOException {
        Tools.require("debugfs");
        for (String name : List.of("ext3-1k.img", "ext4-4k.img")) {
            Path image = Fixtures.copy(name, dir);
            int bs = layout(image).sb().blockSize();
            long journalStart = firstBlock(image, "<8>") * bs;
            ByteBuffer header = read(image, journalStart, 0x20);
            assertEquals(0xC03B3998, header.order(ByteOrder.BIG_ENDIAN).getInt(0));
            header.putInt(0x1C, 1);
            write(image, journalStart, header);
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
                TrimVerdict v = Ext4Volume.open(ch, 0, ch.size(), image).trimVerdict();
                assertFalse(v.allowed(), name);
                assertTrue(v.reason().contains("journal holds transactions"), v.reason());
            }
        }
    }

    @Test
    void unknownIncompatibleFeaturesRefuseTrim() throws IOException {
        Path image = Fixtures.copy("ext2-1k.img", dir);
        ByteBuffer sb = read(image, 1024, 1024);
        sb.putInt(Superblock.S_FEATURE_INCOMPAT, sb.getInt(Superblock.S_FEATURE_INCOMPAT) | 1 << 30);
        write(image, 1024, sb);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            TrimVerdict v = Ext4Volume.open(ch, 0, ch.size(), image).trimVerdict();
            assertFalse(v.allowed());
            assertTrue(v.reason().contains("FEATURE_I30") && v.reason().contains("zero-punching"), v.reason());
        }
    }

    /** debugfs sets the bit and rewrites the superblock checksum, so only the feature itself is new. */
    @Test
    void unknownOrUntrimmableCompatibleFeaturesRefuseTrim() throws IOException {
        Tools.require("debugfs");
        Tools.require("e2fsck");
        for (String name : List.of("ext2-1k.img", "ext4-4k.img")) {
            for (String feature : List.of("FEATURE_C20", "FEATURE_C7", "lazy_bg", "snapshot_bitmap", "dir_prealloc")) {
                Path image = Fixtures.copy(name, dir);
                Tools.run("debugfs", "-w", "-R", "feature " + feature, image.toString()).orThrow();
                try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
                    Ext4Volume v = Ext4Volume.open(ch, 0, ch.size(), image);
                    assertTrue(v.superblock().checksumValid(), name + " " + feature);
                    TrimVerdict t = v.trimVerdict();
                    assertFalse(t.allowed(), name + " " + feature);
                    assertTrue(t.reason().contains("(" + feature + ")") && t.reason().contains("zero-punching"), t.reason());
                }
                assertThrows(BadInputException.class, () -> freeRuns(image));
                java.nio.file.Files.delete(image);
            }
        }
    }

    /** What Debian 12's mke2fs sets by default, and the newer compat features it can set, still trim. */
    @Test
    void compatibleFeaturesMke2fsSetsAreAccepted() throws IOException {
        Tools.require("mke2fs");
        Tools.require("dumpe2fs");
        for (String features : List.of("", "sparse_super2,fast_commit,stable_inodes,orphan_file")) {
            Path image = dir.resolve("features.img");
            List<String> cmd = new java.util.ArrayList<>(List.of("mke2fs", "-q", "-F", "-t", "ext4"));
            if (!features.isEmpty()) {
                cmd.addAll(List.of("-O", features));
            }
            cmd.addAll(List.of(image.toString(), "32M"));
            Tools.run(cmd).orThrow();
            String dump = Tools.run("dumpe2fs", "-h", image.toString()).orThrow().stdout();
            for (String f : features.isEmpty() ? List.of("has_journal", "ext_attr", "resize_inode", "dir_index")
                    : List.of(features.split(","))) {
                assertTrue(dump.contains(" " + f), f + " in " + dump);
            }
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
                Ext4Volume v = Ext4Volume.open(ch, 0, ch.size(), image);
                assertTrue(v.trimVerdict().allowed(), features + ": " + v.trimVerdict());
                assertFalse(v.freeRuns().isEmpty());
            }
            java.nio.file.Files.delete(image);
        }
    }

    /**
     * Flips one random byte at a time in the metadata at the start of each small image: every outcome
     * is a BadInputException or free runs that are a subset of the unmutated image's free runs.
     */
    @Test
    void randomByteFlipsNeverFreeAUsedBlock() throws IOException {
        Random random = new Random(20261123);
        for (String name : List.of("ext2-1k.img", "ext4-htree.img")) {
            Path pristine = Fixtures.copy(name, dir);
            List<FreeRun> original = freeRuns(pristine);
            Layout l = layout(pristine);
            long metadataEnd = (l.groups().get(0).inodeTable() + l.groups().inodeTableBlocks()) * l.sb().blockSize();
            Path image = dir.resolve("fuzz-" + name);
            int refusedCount = 0;
            for (int i = 0; i < 150; i++) {
                java.nio.file.Files.copy(pristine, image, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                long at = 1024 + (long) (random.nextDouble() * (metadataEnd - 1024));
                ByteBuffer b = read(image, at, 1);
                b.put(0, (byte) (b.get(0) ^ (1 << random.nextInt(8))));
                write(image, at, b);
                List<FreeRun> runs;
                try {
                    runs = freeRuns(image);
                } catch (BadInputException e) {
                    refusedCount++;
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                    continue;
                }
                for (FreeRun r : runs) {
                    assertTrue(inside(r, original), "byte " + at + " flipped: " + r + " was not free before");
                }
            }
            assertTrue(refusedCount > 0);
        }
    }

    private static boolean inside(FreeRun r, List<FreeRun> runs) {
        for (FreeRun o : runs) {
            if (r.offset() >= o.offset() && r.offset() + r.length() <= o.offset() + o.length()) {
                return true;
            }
        }
        return false;
    }
}
