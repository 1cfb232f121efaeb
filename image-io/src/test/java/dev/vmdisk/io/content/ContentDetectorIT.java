package dev.vmdisk.io.content;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each detector on an image the format's own mkfs made, checked against the label and UUID given to
 * mkfs and against what {@code blkid -p} (util-linux) says about the same file.
 */
class ContentDetectorIT {
    @TempDir
    Path dir;

    /** {@code blkid -p -o export} as a map: TYPE, LABEL, UUID, VERSION, ... */
    static Map<String, String> blkid(Path image) {
        Tools.require("blkid");
        Map<String, String> m = new HashMap<>();
        for (String line : Tools.run("blkid", "-p", "-o", "export", image.toString()).orThrow().stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    private ImageContent checked(Path image, ContentKind kind, String blkidType, String label, String uuid) throws IOException {
        ImageContent c = ContentDetectorTest.detect(image);
        assertEquals(kind, c.kind(), c::name);
        assertEquals(label, c.label());
        assertEquals(uuid, c.uuid());
        Map<String, String> b = blkid(image);
        assertEquals(blkidType, b.get("TYPE"));
        assertEquals(b.get("LABEL"), c.label());
        assertEquals(b.get("UUID"), c.uuid());
        return c;
    }

    private Path sparse(String name, long size) {
        return Fixtures.emptySparse(dir, name, size);
    }

    @ParameterizedTest
    @CsvSource({"ext2, EXT2, 1024", "ext3, EXT3, 1024", "ext4, EXT4, 1024", "ext4, EXT4, 4096"})
    void ext(String type, ContentKind kind, int blockSize) throws IOException {
        Tools.require("mke2fs");
        Path image = sparse(type + ".img", 64L << 20);
        String uuid = "5e1f0000-0000-4000-8000-0000000000" + type.charAt(3) + blockSize / 1024;
        Tools.run("mke2fs", "-q", "-F", "-t", type, "-b", "" + blockSize, "-L", "lbl-" + type, "-U", uuid,
                image.toString()).orThrow();
        ImageContent c = checked(image, kind, type, "lbl-" + type, uuid);
        assertEquals(new ContentFacts.Ext(64L << 20, blockSize, false), c.facts());
    }

    @Test
    void ext4With64BitCounts() throws IOException {
        Tools.require("mke2fs");
        Path image = sparse("ext4-64.img", 96L << 20);
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-O", "64bit", "-L", "wide", "-U",
                "5e1f0000-0000-4000-8000-000000000064", image.toString()).orThrow();
        assertEquals(new ContentFacts.Ext(96L << 20, 4096, false), checked(image, ContentKind.EXT4, "ext4", "wide",
                "5e1f0000-0000-4000-8000-000000000064").facts());
    }

    @ParameterizedTest
    @CsvSource({"4096", "65536"})
    void swap(int pageSize) throws IOException {
        Tools.require("mkswap");
        Path image = sparse("swap.img", 8L << 20);
        String uuid = "5a5a0000-0000-4000-8000-0000000" + String.format("%05d", pageSize);
        Tools.run("mkswap", "-p", "" + pageSize, "-L", "swp", "-U", uuid, image.toString()).orThrow();
        ImageContent c = checked(image, ContentKind.SWAP, "swap", "swp", uuid);
        assertEquals(new ContentFacts.Swap(8L << 20, pageSize), c.facts());
    }

    @Test
    void xfs() throws IOException {
        Tools.require("mkfs.xfs");
        Path image = sparse("xfs.img", 300L << 20);
        String uuid = "8f5e0000-0000-4000-8000-0000000000f5";
        Tools.run("mkfs.xfs", "-q", "-L", "xlabel", "-m", "uuid=" + uuid, image.toString()).orThrow();
        assertEquals(new ContentFacts.Volume(null, 300L << 20, 4096), checked(image, ContentKind.XFS, "xfs", "xlabel", uuid).facts());
    }

    @Test
    void btrfs() throws IOException {
        Tools.require("mkfs.btrfs");
        Path image = sparse("btrfs.img", 128L << 20);
        String uuid = "b7f50000-0000-4000-8000-0000000000b7";
        Tools.run("mkfs.btrfs", "-q", "-L", "blabel", "-U", uuid, image.toString()).orThrow();
        assertEquals(new ContentFacts.Volume(null, 128L << 20, 0), checked(image, ContentKind.BTRFS, "btrfs", "blabel", uuid).facts());
    }

    @Test
    void squashfs() throws IOException {
        Tools.require("mksquashfs");
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("hello.txt"), "hello\n");
        Path image = dir.resolve("sq.img");
        Tools.run("mksquashfs", src.toString(), image.toString(), "-quiet", "-noappend", "-comp", "gzip").orThrow();
        ImageContent c = checked(image, ContentKind.SQUASHFS, "squashfs", null, null);
        ContentFacts.Squashfs q = (ContentFacts.Squashfs) c.facts();
        assertEquals(List.of(4, 0, "gzip"), List.of(q.major(), q.minor(), q.compression()), q::toString);
        assertTrue(q.bytesUsed() > 0 && q.bytesUsed() <= Files.size(image), q::toString);
    }

    @Test
    void erofs() throws IOException {
        Tools.require("mkfs.erofs");
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("hello.txt"), "hello\n");
        Path image = dir.resolve("erofs.img");
        String uuid = "e50f0000-0000-4000-8000-0000000000e5";
        Tools.run("mkfs.erofs", "-U" + uuid, image.toString(), src.toString()).orThrow();
        checked(image, ContentKind.EROFS, "erofs", null, uuid);
    }

    @ParameterizedTest
    @CsvSource({"luks1, 1", "luks2, 2"})
    void luks(String type, int version) throws IOException {
        Tools.require("cryptsetup");
        Path image = sparse("luks.img", 20L << 20);
        Path key = Files.writeString(dir.resolve("key"), "not a secret");
        String uuid = "1c5a0000-0000-4000-8000-00000000000" + version;
        String label = version == 2 ? "clabel" : null;
        var cmd = new java.util.ArrayList<>(java.util.List.of("cryptsetup", "luksFormat", "-q", "--type", type,
                "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", "--uuid", uuid, "--key-file", key.toString()));
        if (label != null) {
            cmd.add("--label=" + label);
        }
        cmd.add(image.toString());
        Tools.run(cmd).orThrow();
        ImageContent c = checked(image, ContentKind.LUKS, "crypto_LUKS", label, uuid);
        assertEquals(new ContentFacts.Luks(version), c.facts());
    }

    @Test
    void fat32() throws IOException {
        Tools.require("mkfs.vfat");
        Path image = sparse("fat.img", 64L << 20);
        Tools.run("mkfs.vfat", "-F", "32", "-n", "FLABEL", "-i", "DEADBEEF", image.toString()).orThrow();
        ImageContent c = checked(image, ContentKind.FAT, "vfat", "FLABEL", "DEAD-BEEF");
        assertEquals(new ContentFacts.Volume("FAT32", 64L << 20, 0), c.facts());
    }

    @Test
    void aGptDiskMadeBySfdiskWithSwapAndAnEmptyPartition() throws IOException {
        Tools.require("sfdisk");
        Tools.require("mkswap");
        Path image = sparse("disk.img", 128L << 20);
        Tools.run("sh", "-c", "printf 'label: gpt\\nstart=2048, size=16384, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F\\n"
                + "start=18432, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\\n' | sfdisk -q " + image).orThrow();
        // This mkswap has no --offset: make the swap area on its own and copy it into partition 1.
        Path swap = sparse("swap.img", 16384L * 512);
        Tools.run("mkswap", "-L", "inner", swap.toString()).orThrow();
        try (FileChannel from = FileChannel.open(swap); FileChannel to = FileChannel.open(image, StandardOpenOption.WRITE)) {
            to.position(2048L * 512);
            from.transferTo(0, from.size(), to);
        }
        ImageContent c = ContentDetectorTest.detect(image);
        assertEquals(2, c.partitions().size());
        assertEquals(ContentKind.SWAP, c.partitions().get(0).content().kind());
        assertEquals("inner", c.partitions().get(0).content().label());
        assertEquals(ContentKind.EMPTY, c.partitions().get(1).content().kind());
        assertNull(c.partitions().get(1).content().label());
    }
}
