package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layouts the committed fixtures do not cover, made by mke2fs at test time: meta_bg, sparse_super2,
 * no sparse_super, gdt_csum (crc16) with 32- and 64-byte descriptors, bigalloc, orphan_file, and a
 * fragmented file whose extent tree has an index level. Free runs must equal dumpe2fs's free blocks.
 */
class Ext4LayoutIT {
    private static final String CONFIG = "[defaults]\n"
            + "\tbase_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr\n"
            + "\tblocksize = 4096\n\tinode_size = 256\n\tinode_ratio = 16384\n"
            + "[fs_types]\n\tsmall = {\n\t\tinode_ratio = 4096\n\t}\n\tfloppy = {\n\t\tinode_ratio = 8192\n\t}\n";

    @TempDir
    Path dir;

    private Path make(String size, String args) throws IOException {
        Path config = Files.writeString(dir.resolve("mke2fs.conf"), CONFIG);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("frag"));
        for (int i = 0; i < 120; i++) {
            Files.write(tree.resolve("frag/f" + i), filled(1000 + i, (byte) ('a' + i % 26)));
        }
        Files.write(tree.resolve("big"), filled(300_000, (byte) 'b'));
        Path image = dir.resolve("fs.img");
        List<String> cmd = new ArrayList<>(List.of("env", "MKE2FS_CONFIG=" + config, "E2FSPROGS_FAKE_TIME=1700000000",
                "mke2fs", "-q", "-F", "-U", "5a1e0000-0000-4000-8000-00000000e4e4", "-d", tree.toString()));
        cmd.addAll(List.of(args.split(" ")));
        cmd.add(image.toString());
        cmd.add(size);
        Tools.run(cmd).orThrow();
        // free every other small file, then write a file that must fill the holes: many extents
        StringBuilder cmds = new StringBuilder();
        for (int i = 0; i < 120; i += 2) {
            cmds.append("rm /frag/f").append(i).append('\n');
        }
        Path fragSource = Files.write(dir.resolve("fragmented"), filled(60 * 4096, (byte) 'z'));
        cmds.append("write ").append(fragSource).append(" /fragmented\n");
        cmds.append("rm /big\n");
        Path cmdFile = Files.writeString(dir.resolve("cmds"), cmds.toString());
        Tools.run("debugfs", "-w", "-f", cmdFile.toString(), image.toString()).orThrow();
        Tools.Result fsck = Tools.run("e2fsck", "-fn", image.toString());
        assertEquals(0, fsck.exitCode(), fsck.stdout());
        return image;
    }

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        java.util.Arrays.fill(a, b);
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "meta_bg with 1 KiB blocks | 40M | -b 1024 -g 1024 -O meta_bg,^resize_inode,extent,flex_bg,metadata_csum,64bit",
        "sparse_super2             | 24M | -b 1024 -g 2048 -O sparse_super2,extent,metadata_csum -E num_backup_sb=1",
        "no sparse_super           | 24M | -b 1024 -g 2048 -O ^sparse_super,^resize_inode,extent",
        "gdt_csum (crc16)          | 24M | -b 1024 -g 2048 -O uninit_bg,extent,flex_bg",
        "gdt_csum with 64bit       | 24M | -b 1024 -g 2048 -O uninit_bg,extent,flex_bg,64bit",
        "metadata_csum_seed        | 24M | -b 4096 -O metadata_csum,metadata_csum_seed,extent,flex_bg,64bit",
        "orphan_file               | 24M | -b 4096 -O has_journal,orphan_file,metadata_csum,extent,flex_bg -J size=4",
        "ext2 4 KiB indirect       | 24M | -b 4096",
    })
    void freeRunsMatchDumpe2fs(String label, String size, String args) throws IOException {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Tools.require("dumpe2fs");
        Path image = make(size, args);
        String dump = Tools.run("dumpe2fs", image.toString()).orThrow().stdout();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            Ext4Volume v = Ext4Volume.open(ch, 0, ch.size(), image);
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
            assertEquals(Ext4FixtureIT.render(Ext4FixtureIT.dumpe2fsFreeRanges(dump)), Ext4FixtureIT.render(actual), label);
            assertTrue(actual.size() > 1, "the deletions left free holes");
            DiskUsage du = v.du("/", 1);
            assertTrue(du.entries().stream().anyMatch(e -> e.path().equals("/frag")), du.entries().toString());
            assertTrue(du.bytes() >= 60 * 4096, "the fragmented file counts: " + du.bytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"fragmented extents | 24M | -b 1024 -O extent,metadata_csum"})
    void aFragmentedFileHasAnExtentIndexAndItsBlocksAreNotFree(String label, String size, String args) throws IOException {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Path image = make(size, args);
        String extents = Tools.run("debugfs", "-R", "ex /fragmented", image.toString()).orThrow().stdout();
        assertTrue(extents.contains(" 0/ 1 "), label + ": no index level:\n" + extents);
        String blocks = Tools.run("debugfs", "-R", "blocks /fragmented", image.toString()).orThrow().stdout().trim();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            Ext4Volume v = Ext4Volume.open(ch, 0, ch.size(), image);
            List<FreeRun> runs = v.freeRuns();
            for (String b : blocks.split("\\s+")) {
                long at = Long.parseLong(b) * 1024;
                for (FreeRun r : runs) {
                    assertFalse(at >= r.offset() && at < r.offset() + r.length(), "block " + b + " in " + r);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"bigalloc | 64M | -b 4096 -C 16384 -O bigalloc,extent,flex_bg"})
    void bigallocRefusesTrimButDuWorks(String label, String size, String args) throws IOException {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Path image = make(size, args);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            Ext4Volume v = Ext4Volume.open(ch, 0, ch.size(), image);
            TrimVerdict verdict = v.trimVerdict();
            assertFalse(verdict.allowed(), label);
            assertTrue(verdict.reason().contains("bigalloc") && verdict.reason().contains("zero-punching"), verdict.reason());
            assertThrows(BadInputException.class, v::freeRuns);
            assertTrue(v.du("/", 0).bytes() > 60 * 4096);
        }
    }
}
