package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Ext4Volume.du} against debugfs's block counts, and against GNU du on the loop-mounted image where root may mount. */
class Ext4DuIT {
    private static final String[] FIXTURES = {"ext2-1k.img", "ext3-1k.img", "ext4-4k.img", "ext4-htree.img", "ext4-inline.img"};

    @TempDir
    Path dir;

    private static DiskUsage du(Path image, String path, int depth) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            return Ext4Volume.open(ch, 0, ch.size(), image).du(path, depth);
        }
    }

    private static long debugfsBytes(Path image, String path) {
        String out = Tools.run("debugfs", "-R", "stat " + path, image.toString()).orThrow().stdout();
        Matcher m = Pattern.compile("Blockcount: (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1)) * 512;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext2-1k.img", "ext3-1k.img", "ext4-4k.img", "ext4-htree.img", "ext4-inline.img"})
    void directoryTotalsAreTheSumOfDebugfsBlockCounts(String name) throws IOException {
        Tools.require("debugfs");
        Path image = Fixtures.copy(name, dir);
        DiskUsage docs = du(image, "/home/user/docs", 0);
        assertEquals(debugfsBytes(image, "/home/user/docs") + debugfsBytes(image, "/home/user/docs/report.txt"),
                docs.bytes());
        assertEquals(1, docs.entries().size());
        DiskUsage user = du(image, "home/user/", 1);
        long expected = 0;
        for (String p : new String[] {"", "/docs", "/docs/report.txt", "/big.bin", "/small.txt", "/link"}) {
            expected += debugfsBytes(image, "/home/user" + p);
        }
        assertEquals(expected, user.bytes(), "hardlink.txt shares small.txt's inode and counts once");
        assertEquals("/home/user/docs", user.entries().get(0).path());
        assertEquals("/home/user", user.entries().get(1).path());
        DiskUsage file = du(image, "/home/user/big.bin", 3);
        assertEquals(debugfsBytes(image, "/home/user/big.bin"), file.bytes());
        assertThrows(BadInputException.class, () -> du(image, "/no/such/dir", 0));
    }

    @Test
    void hashedDirectoryListsEveryName() throws IOException {
        Tools.require("debugfs");
        Path image = Fixtures.copy("ext4-htree.img", dir);
        String htree = Tools.run("debugfs", "-R", "htree /many", image.toString()).orThrow().stdout();
        assertTrue(htree.contains("Root node dump"), "fixture directory /many is not hashed");
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            Ext4Volume v = Ext4Volume.open(ch, 0, ch.size(), image);
            var names = new java.util.TreeSet<String>();
            v.list(v.lookup("/many")).forEach(e -> names.add(e.name()));
            assertEquals(300, names.size());
            assertTrue(names.contains("file-with-a-long-name-299"));
            assertEquals(2 + 300, names.size() + 2);
        }
    }

    @Test
    void inlineDirectoriesAreListed() throws IOException {
        Path image = Fixtures.copy("ext4-inline.img", dir);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            Ext4Volume v = Ext4Volume.open(ch, 0, ch.size(), image);
            Inode etc = v.lookup("/etc");
            assertTrue(etc.hasInlineData(), "fixture /etc is not inline");
            var names = new java.util.TreeSet<String>();
            v.list(etc).forEach(e -> names.add(e.name()));
            assertEquals(java.util.Set.of("hostname", "motd", "issue"), names);
            assertEquals(512, v.lookup("/etc/issue").allocatedBytes(), "inline data counts as its size, like stat");
        }
    }

    /** GNU du on the mounted image is the reference; needs root and loop devices, skipped otherwise. */
    @Test
    void agreesWithGnuDuOnTheMountedImage() throws IOException {
        Tools.require("du");
        boolean root = "0".equals(Tools.run("id", "-u").stdout().trim());
        Assumptions.assumeTrue(root, "not root: cannot loop-mount the fixtures to compare with du; skipping");
        for (String name : FIXTURES) {
            Path image = Fixtures.copy(name, dir);
            Path mnt = Files.createDirectories(dir.resolve("mnt-" + name));
            Tools.Result mount = Tools.run("mount", "-o", "loop,ro", image.toString(), mnt.toString());
            Assumptions.assumeTrue(mount.exitCode() == 0, "cannot loop-mount here (" + mount.stderr().trim() + "); skipping");
            try {
                for (int depth : new int[] {0, 1, 3}) {
                    String gnu = Tools.run("du", "-B1", "--max-depth=" + depth, mnt.toString()).orThrow().stdout();
                    Map<String, Long> expected = new TreeMap<>();
                    for (String line : gnu.split("\n")) {
                        String[] f = line.split("\t", 2);
                        String p = f[1].substring(mnt.toString().length());
                        expected.put(p.isEmpty() ? "/" : p, Long.parseLong(f[0]));
                    }
                    Map<String, Long> actual = new TreeMap<>();
                    for (DiskUsage.Entry e : du(image, "/", depth).entries()) {
                        actual.put(e.path(), e.bytes());
                    }
                    assertEquals(expected, actual, name + " depth " + depth);
                }
            } finally {
                Tools.run("umount", mnt.toString()).orThrow();
            }
        }
    }
}
