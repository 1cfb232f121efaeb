package dev.vmdisk.io.ext4;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads every committed ext fixture and compares with what e2fsprogs says about it. */
class Ext4FixtureIT {
    @TempDir
    Path dir;

    static Ext4Volume open(FileChannel ch, Path image) throws IOException {
        return Ext4Volume.open(ch, 0, ch.size(), image);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext2-1k.img", "ext3-1k.img", "ext4-4k.img", "ext4-htree.img", "ext4-inline.img"})
    void superblockAndFreeRunsMatchDumpe2fs(String name) throws IOException {
        Tools.require("dumpe2fs");
        Path image = Fixtures.copy(name, dir);
        String dump = Tools.run("dumpe2fs", image.toString()).orThrow().stdout();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            Ext4Volume v = open(ch, image);
            Superblock sb = v.superblock();
            assertEquals(field(dump, "Block count"), sb.blocksCount());
            assertEquals(field(dump, "Inode count"), sb.inodesCount());
            assertEquals(field(dump, "Block size"), sb.blockSize());
            assertTrue(dump.contains("Filesystem UUID:          " + sb.uuidString()), sb.uuidString());
            Ext4Info info = v.info();
            assertEquals(field(dump, "Free blocks") * sb.blockSize(), info.freeBytes());
            assertTrue(info.trim().allowed(), info.trim().reason());
            assertEquals(String.join(" ", info.features()).length() > 0, true);

            List<long[]> expected = dumpe2fsFreeRanges(dump);
            List<long[]> actual = new ArrayList<>();
            for (FreeRun r : v.freeRuns()) {
                long first = r.offset() / sb.blockSize();
                long last = first + r.length() / sb.blockSize() - 1;
                if (!actual.isEmpty() && actual.get(actual.size() - 1)[1] + 1 == first) {
                    actual.get(actual.size() - 1)[1] = last;
                } else {
                    actual.add(new long[] {first, last});
                }
            }
            assertEquals(render(expected), render(actual));
        }
    }

    /** The "Free blocks: a-b, c" lines of each group, joined into ascending, merged ranges. */
    static List<long[]> dumpe2fsFreeRanges(String dump) {
        List<long[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("^\\s+Free blocks: (.*)$", Pattern.MULTILINE).matcher(dump);
        while (m.find()) {
            for (String part : m.group(1).split(",\\s*")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] ab = part.trim().split("-");
                long a = Long.parseLong(ab[0]);
                long b = ab.length > 1 ? Long.parseLong(ab[1]) : a;
                if (!out.isEmpty() && out.get(out.size() - 1)[1] + 1 == a) {
                    out.get(out.size() - 1)[1] = b;
                } else {
                    out.add(new long[] {a, b});
                }
            }
        }
        return out;
    }

    static String render(List<long[]> ranges) {
        StringBuilder s = new StringBuilder();
        for (long[] r : ranges) {
            s.append(r[0]).append('-').append(r[1]).append('\n');
        }
        return s.toString();
    }

    static long field(String dump, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + ":\\s+(\\d+)$", Pattern.MULTILINE).matcher(dump);
        assertTrue(m.find(), name);
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext2-1k.img", "ext3-1k.img", "ext4-4k.img", "ext4-htree.img", "ext4-inline.img"})
    void noFileBlockIsInAFreeRun(String name) throws IOException {
        Tools.require("debugfs");
        Path image = Fixtures.copy(name, dir);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            Ext4Volume v = open(ch, image);
            int bs = v.superblock().blockSize();
            List<FreeRun> runs = v.freeRuns();
            List<String> files = List.of("/home/user/big.bin", "/home/user/docs/report.txt", "/var/log/syslog",
                    "/etc/hostname", "/home/user/small.txt", "/home/user", "/");
            int checked = 0;
            for (String f : files) {
                String out = Tools.run("debugfs", "-R", "blocks " + f, image.toString()).orThrow().stdout().trim();
                for (String b : out.split("\\s+")) {
                    if (b.isEmpty()) {
                        continue;
                    }
                    long block = Long.parseLong(b);
                    for (FreeRun r : runs) {
                        assertFalse(block * bs >= r.offset() && block * bs < r.offset() + r.length(),
                                f + " block " + block + " is in free run " + r);
                    }
                    checked++;
                }
            }
            assertTrue(checked > 1000 / (bs / 1024), "only " + checked + " blocks checked");
        }
    }

    @org.junit.jupiter.api.Test
    void aFileSystemAtAPartitionOffsetReportsImageOffsets() throws IOException {
        Path plain = Fixtures.copy("ext4-4k.img", dir);
        long offset = 1 << 20;
        Path disk = dir.resolve("disk.img");
        try (FileChannel out = FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileChannel in = FileChannel.open(plain, StandardOpenOption.READ)) {
            long n = 0;
            while (n < in.size()) {
                n += in.transferTo(n, in.size() - n, out.position(offset + n));
            }
            out.write(java.nio.ByteBuffer.wrap(new byte[] {1}), offset + in.size() + 4095);  // a trailing partition
        }
        List<FreeRun> expected;
        try (FileChannel ch = FileChannel.open(plain, StandardOpenOption.READ)) {
            expected = open(ch, plain).freeRuns();
        }
        try (FileChannel ch = FileChannel.open(disk, StandardOpenOption.READ)) {
            long fsLength = Files.size(plain);
            List<FreeRun> actual = Ext4Volume.open(ch, offset, fsLength, disk).freeRuns();
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(new FreeRun(expected.get(i).offset() + offset, expected.get(i).length()), actual.get(i));
            }
            assertEquals(expected.get(0).offset() + offset, actual.get(0).offset());
            org.junit.jupiter.api.Assertions.assertThrows(dev.vmdisk.io.BadInputException.class,
                    () -> Ext4Volume.open(ch, offset, fsLength / 2, disk));
            org.junit.jupiter.api.Assertions.assertFalse(Ext4Volume.probe(ch, 0, ch.size(), disk));
            assertTrue(Ext4Volume.probe(ch, offset, fsLength, disk));
        }
    }

    /** The kernel, not e2fsprogs, writes the file system here: mount read-write, change files, unmount. Needs root. */
    @ParameterizedTest
    @ValueSource(strings = {"ext3-1k.img", "ext4-4k.img", "ext4-inline.img"})
    void aFileSystemTheKernelWroteMatchesDumpe2fs(String name) throws IOException {
        Tools.require("dumpe2fs");
        boolean root = "0".equals(Tools.run("id", "-u").stdout().trim());
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "not root: cannot loop-mount; skipping");
        Path image = Fixtures.copy(name, dir);
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Tools.Result mount = Tools.run("mount", "-o", "loop", image.toString(), mnt.toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.exitCode() == 0, "cannot loop-mount here: " + mount.stderr());
        try {
            Files.write(mnt.resolve("new.bin"), new byte[700_000]);
            Files.createDirectories(mnt.resolve("a/b/c"));
            for (int i = 0; i < 50; i++) {
                Files.writeString(mnt.resolve("a/b/c/f" + i), "x".repeat(i * 97));
            }
            Files.delete(mnt.resolve("home/user/big.bin"));
            Files.delete(mnt.resolve("var/log/syslog"));
        } finally {
            Tools.run("umount", mnt.toString()).orThrow();
        }
        String dump = Tools.run("dumpe2fs", image.toString()).orThrow().stdout();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            Ext4Volume v = open(ch, image);
            int bs = v.superblock().blockSize();
            List<long[]> actual = new ArrayList<>();
            for (FreeRun r : v.freeRuns()) {
                long first = r.offset() / bs;
                long last = first + r.length() / bs - 1;
                if (!actual.isEmpty() && actual.get(actual.size() - 1)[1] + 1 == first) {
                    actual.get(actual.size() - 1)[1] = last;
                } else {
                    actual.add(new long[] {first, last});
                }
            }
            assertEquals(render(dumpe2fsFreeRanges(dump)), render(actual));
            assertEquals(50, v.list(v.lookup("/a/b/c")).size());
        }
    }
}
