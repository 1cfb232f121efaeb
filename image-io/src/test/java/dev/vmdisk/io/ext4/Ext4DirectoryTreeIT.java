package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directory tree against the inode bitmaps: a file a directory still names must never have its
 * blocks reported free, whatever the bitmaps say. Each image is made by mke2fs and mutated by
 * debugfs; e2fsck confirms the mutation is real damage before vmdisk is asked.
 */
@Timeout(120)
class Ext4DirectoryTreeIT {
    @TempDir
    Path dir;

    private static List<FreeRun> freeRuns(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            return Ext4Volume.open(ch, 0, ch.size(), image).freeRuns();
        }
    }

    private static void debugfs(Path image, String request) {
        Tools.Result r = Tools.run("debugfs", "-w", "-R", request, image.toString()).orThrow();
        assertFalse(r.stderr().contains("Couldn't") || r.stderr().contains("not found"), request + ": " + r.stderr());
    }

    private static long inodeNumber(Path image, String path) {
        String out = Tools.run("debugfs", "-R", "stat " + path, image.toString()).orThrow().stdout();
        Matcher m = Pattern.compile("Inode: (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    /** Asserts e2fsck finds damage, vmdisk refuses naming {@code path} and its inode, and the image is unchanged. */
    private static BadInputException assertRefused(Path image, String path, long ino) throws IOException {
        assertEquals(4, Tools.run("e2fsck", "-fn", image.toString()).exitCode(), "e2fsck should see the damage");
        String sha = sha256(image);
        BadInputException e = assertThrows(BadInputException.class, () -> freeRuns(image));
        assertTrue(e.getMessage().contains(path + " (inode " + ino + ",") && e.getMessage().contains("e2fsck -f"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(sha, sha256(image));
        return e;
    }

    /** An image of {@code type} holding /precious (300 KiB of random bytes) and /a/b/nested, trimmable as made. */
    private Path image(String type, int blockSize) throws IOException {
        Path src = dir.resolve("src-" + type);
        Files.createDirectories(src.resolve("a/b"));
        byte[] data = new byte[300_000];
        new Random(17).nextBytes(data);
        Files.write(src.resolve("precious"), data);
        Files.write(src.resolve("a/b/nested"), data);
        Files.writeString(src.resolve("a/small"), "kept\n");
        Path img = dir.resolve(type + ".img");
        Tools.run("mke2fs", "-q", "-F", "-t", type, "-b", String.valueOf(blockSize), "-d", src.toString(),
                img.toString(), "16M").orThrow();
        assertFalse(freeRuns(img).isEmpty());
        return img;
    }

    /** The repro of issue 17 item 4: a live file's blocks and inode freed in the bitmaps, still named by /. */
    @Test
    void aFileFreedInBothBitmapsButStillNamedIsRefusedOnExt2Ext3AndExt4() throws IOException {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Tools.require("e2fsck");
        for (String type : List.of("ext2", "ext3", "ext4")) {
            Path img = image(type, type.equals("ext4") ? 4096 : 1024);
            long ino = inodeNumber(img, "/precious");
            String blocks = Tools.run("debugfs", "-R", "blocks /precious", img.toString()).orThrow().stdout().trim();
            StringBuilder requests = new StringBuilder();
            for (String b : blocks.split("\\s+")) {
                requests.append("freeb ").append(b).append('\n');
            }
            requests.append("freei /precious\n");
            Path cmds = Files.writeString(dir.resolve(type + ".debugfs"), requests);
            Tools.run("debugfs", "-w", "-f", cmds.toString(), img.toString()).orThrow();
            String left = Tools.run("debugfs", "-R", "testb " + blocks.split("\\s+")[0], img.toString()).stdout();
            assertTrue(left.contains("not in use"), left);
            BadInputException e = assertRefused(img, "/precious", ino);
            assertTrue(e.getMessage().contains("inode bitmap marks inode " + ino + " free"), e.getMessage());
        }
    }

    @Test
    void anInodeFreeOnlyInTheInodeBitmapIsRefusedInLinearHtreeAndInlineDirectories() throws IOException {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Tools.require("e2fsck");
        record Case(Path image, String path) {
        }
        List<Case> cases = List.of(
                new Case(image("ext4", 1024), "/a/b/nested"),
                new Case(Fixtures.copy("ext2-1k.img", dir), "/home/user/docs/report.txt"),
                new Case(Fixtures.copy("ext4-htree.img", dir), "/many/file-with-a-long-name-250"),
                new Case(Fixtures.copy("ext4-inline.img", dir), "/etc/motd"));
        for (Case c : cases) {
            assertFalse(freeRuns(c.image()).isEmpty(), c.toString());
            long ino = inodeNumber(c.image(), c.path());
            debugfs(c.image(), "freei " + c.path());
            assertRefused(c.image(), c.path(), ino);
        }
    }

    @Test
    void aDeletedInodeStillNamedByADirectoryIsRefused() throws IOException {
        Tools.require("debugfs");
        Tools.require("e2fsck");
        for (String change : List.of("links_count 0", "dtime 1700000000", "mode 0")) {
            Path img = Fixtures.copy("ext4-4k.img", dir);
            long ino = inodeNumber(img, "/etc/hostname");
            debugfs(img, "sif /etc/hostname " + change);
            BadInputException e = assertRefused(img, "/etc/hostname", ino);
            assertTrue(e.getMessage().contains("deleted"), change + ": " + e.getMessage());
            Files.delete(img);
        }
    }

    /** e2fsck would reconnect the unlinked directory to lost+found, and with it the freed inode it names. */
    @Test
    void aDirectoryTheRootNoLongerReachesStillHasItsNamesChecked() throws IOException {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Tools.require("e2fsck");
        Path img = image("ext4", 4096);
        long ino = inodeNumber(img, "/a/b/nested");
        long b = inodeNumber(img, "/a/b");
        debugfs(img, "freei /a/b/nested");
        debugfs(img, "unlink /a");
        assertEquals(4, Tools.run("e2fsck", "-fn", img.toString()).exitCode());
        BadInputException e = assertThrows(BadInputException.class, () -> freeRuns(img));
        assertTrue(e.getMessage().contains("marks inode " + ino + " free but directory inode " + b
                + " (which the root does not reach) still names it"), e.getMessage());
    }

    /**
     * The check with reads of one block, of three, and the usual size, over a directory of many blocks
     * (the htree fixture's /many) one of whose entries names a freed inode: every size finds it, and none
     * refuses the intact image.
     */
    @Test
    void everyReadSizeFindsTheSameNames() throws IOException {
        Tools.require("debugfs");
        Path intact = Fixtures.copy("ext4-htree.img", dir);
        Path damaged = dir.resolve("damaged.img");
        Files.copy(intact, damaged);
        debugfs(damaged, "freei /many/file-with-a-long-name-299");
        int bs;
        try (FileChannel ch = FileChannel.open(intact, StandardOpenOption.READ)) {
            bs = Ext4Volume.open(ch, 0, ch.size(), intact).superblock().blockSize();
        }
        for (int runBytes : new int[] {bs, 3 * bs, DirectoryTree.RUN_BYTES}) {
            checkTree(intact, runBytes);
            BadInputException e = assertThrows(BadInputException.class, () -> checkTree(damaged, runBytes));
            assertTrue(e.getMessage().contains("/many/file-with-a-long-name-299 (inode "), runBytes + ": " + e.getMessage());
        }
    }

    private static void checkTree(Path image, int runBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            BlockReader r = new BlockReader(ch, 0, ch.size(), image);
            java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(Superblock.SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            r.readBytes(Superblock.OFFSET_IN_FS, raw, "superblock");
            Superblock sb = Superblock.parse(raw, image, ch.size());
            r.setGeometry(sb.blockSize(), sb.blocksCount());
            GroupTable groups = GroupTable.read(r, sb);
            ChecksumProblems problems = new ChecksumProblems();
            InodeTable inodes = new InodeTable(r, groups, problems);
            InUseInodes seen = new InUseInodes(sb.inodesCount(), image.toString());
            DirectoryBlocks directories = new DirectoryBlocks(sb.blockSize());
            new FreeSpace(r, groups, inodes, problems).referencedBlocks(seen, directories);
            new DirectoryTree(r, sb, inodes, seen, problems, runBytes).check(directories);
        }
    }

    @Test
    void aRootDirectoryFreeInTheInodeBitmapIsRefused() throws IOException {
        Tools.require("debugfs");
        Path img = Fixtures.copy("ext3-1k.img", dir);
        debugfs(img, "freei <2>");
        BadInputException e = assertThrows(BadInputException.class, () -> freeRuns(img));
        assertTrue(e.getMessage().contains("the root directory (inode 2)"), e.getMessage());
    }

    @Test
    void aDirectoryLinkedTwiceIsWalkedOnce() throws IOException {
        Tools.require("debugfs");
        Path img = Fixtures.copy("ext2-1k.img", dir);
        List<FreeRun> before = freeRuns(img);
        // a second name for / inside /home/user/docs: the tree now has a loop
        debugfs(img, "link <2> /home/user/docs/loop");
        assertEquals(before, freeRuns(img));
    }
}
