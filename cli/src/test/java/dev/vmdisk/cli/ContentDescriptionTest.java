package dev.vmdisk.cli;

import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ContentFacts;
import dev.vmdisk.io.content.ContentKind;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The line for each kind of content, pinned: the core hands over figures only (the image-io detector tests check
 * those figures against images made by mke2fs, mkfs.*, mkswap, cryptsetup and qemu-img), and this is the one place
 * that words them.
 */
class ContentDescriptionTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    private static String line(ContentKind kind, ContentFacts facts) {
        return ContentDescription.of(new ImageContent(kind, facts, 0, 64 * MIB, null, null, null, List.of()));
    }

    private static String foreign(ContentKind kind, ContentFacts facts, Long virtualBytes) {
        return ContentDescription.of(new ImageContent(kind, facts, 0, MIB, null, null, null, List.of(), virtualBytes));
    }

    @Test
    void fileSystemsSwapAndEncryptedVolumes() {
        assertEquals("ext4, 4.0 MiB, 1024-byte blocks", line(ContentKind.EXT4, new ContentFacts.Ext(4 * MIB, 1024, false)));
        assertEquals("ext3, 64.0 MiB, 4096-byte blocks, external journal device",
                line(ContentKind.EXT3, new ContentFacts.Ext(64 * MIB, 4096, true)));
        assertEquals("ext2, size unknown, 1024-byte blocks", line(ContentKind.EXT2, new ContentFacts.Ext(-1, 1024, false)));
        assertEquals("XFS, 300.0 MiB, 4096-byte blocks", line(ContentKind.XFS, new ContentFacts.Volume(null, 300 * MIB, 4096)));
        assertEquals("EROFS, 1.0 MiB, 4096-byte blocks", line(ContentKind.EROFS, new ContentFacts.Volume(null, MIB, 4096)));
        assertEquals("Btrfs, 128.0 MiB", line(ContentKind.BTRFS, new ContentFacts.Volume(null, 128 * MIB, 0)));
        assertEquals("FAT32, 64.0 MiB", line(ContentKind.FAT, new ContentFacts.Volume("FAT32", 64 * MIB, 0)));
        assertEquals("NTFS, 8.0 MiB", line(ContentKind.NTFS, new ContentFacts.Volume(null, 8 * MIB, 0)));
        assertEquals("exFAT, size unknown", line(ContentKind.EXFAT, new ContentFacts.Volume(null, -1, 0)));
        assertEquals("Linux swap, 8.0 MiB, 65536-byte pages", line(ContentKind.SWAP, new ContentFacts.Swap(8 * MIB, 65536)));
        assertEquals("SquashFS, version 4.0, gzip, 124.0 KiB used",
                line(ContentKind.SQUASHFS, new ContentFacts.Squashfs(4, 0, "gzip", 124 << 10)));
        assertEquals("SquashFS, version 4.0, unknown, 512 B used",
                line(ContentKind.SQUASHFS, new ContentFacts.Squashfs(4, 0, null, 512)));
        assertEquals("LUKS, version 2, encrypted", line(ContentKind.LUKS, new ContentFacts.Luks(2)));
    }

    @Test
    void zerosAndTheUnknown() {
        assertEquals("empty (all zeros)", line(ContentKind.EMPTY, new ContentFacts.None()));
        assertEquals("unknown (no known signature)", line(ContentKind.UNKNOWN, new ContentFacts.Unknown(0)));
        assertEquals("unknown (no known signature; the first 256.0 MiB are zeros)",
                line(ContentKind.UNKNOWN, new ContentFacts.Unknown(256 * MIB)));
    }

    @Test
    void anotherProgramsImageNamesItsHeaderThenItsVirtualSize() {
        String size = "virtual size 32.0 MiB (33554432 bytes)";
        assertEquals("qcow2, version 3, " + size, foreign(ContentKind.QCOW2, new ContentFacts.Qcow2(3, false), 32 * MIB));
        assertEquals("qcow2, version 2, over a backing file, " + size,
                foreign(ContentKind.QCOW2, new ContentFacts.Qcow2(2, true), 32 * MIB));
        assertEquals("VHDX, " + size, foreign(ContentKind.VHDX, new ContentFacts.Vhdx(), 32 * MIB));
        assertEquals("VHD, fixed, " + size, foreign(ContentKind.VHD, new ContentFacts.Vhd(2), 32 * MIB));
        assertEquals("VHD, dynamic, " + size, foreign(ContentKind.VHD, new ContentFacts.Vhd(3), 32 * MIB));
        assertEquals("VHD, differencing, " + size, foreign(ContentKind.VHD, new ContentFacts.Vhd(4), 32 * MIB));
        assertEquals("VHD, disk type 7, " + size, foreign(ContentKind.VHD, new ContentFacts.Vhd(7), 32 * MIB));
        assertEquals("VMDK, sparse extent, version 1, monolithicSparse, " + size,
                foreign(ContentKind.VMDK, new ContentFacts.Vmdk(true, 1, "monolithicSparse"), 32 * MIB));
        assertEquals("VMDK, descriptor, virtual size not given by the header",
                foreign(ContentKind.VMDK, new ContentFacts.Vmdk(false, 0, null), null));
        assertEquals("VDI, version 1.1, dynamic, " + size, foreign(ContentKind.VDI, new ContentFacts.Vdi(1, 1, 1), 32 * MIB));
        assertEquals("VDI, version 1.1, fixed, " + size, foreign(ContentKind.VDI, new ContentFacts.Vdi(1, 1, 2), 32 * MIB));
        assertEquals("VDI, version 1.1, undo, " + size, foreign(ContentKind.VDI, new ContentFacts.Vdi(1, 1, 3), 32 * MIB));
        assertEquals("VDI, version 1.1, differencing, " + size,
                foreign(ContentKind.VDI, new ContentFacts.Vdi(1, 1, 4), 32 * MIB));
        assertEquals("VDI, version 1.1, image type 9, " + size, foreign(ContentKind.VDI, new ContentFacts.Vdi(1, 1, 9), 32 * MIB));
        assertEquals("UDIF, version 4, " + size, foreign(ContentKind.UDIF, new ContentFacts.Udif(4), 32 * MIB));
        assertEquals("sparse image, version 3, bands of 1.0 MiB, virtual size 10.0 GiB (10737418240 bytes)",
                foreign(ContentKind.SPARSEIMAGE, new ContentFacts.SparseImage(3, MIB), 10L << 30));
    }

    @Test
    void anAsifFileNamesItsVirtualDisk() {
        ImageContent inner = new ImageContent(ContentKind.EMPTY, new ContentFacts.None(), 0, 8 * MIB, null, null, null,
                List.of());
        ImageContent asif = new ImageContent(ContentKind.ASIF, new ContentFacts.None(), 0, 2 * MIB, null, null, null,
                List.of(), new ImageContent.VirtualDisk(8 * MIB, 3 * MIB, 1 << 20, inner));
        assertEquals("ASIF disk image, virtual disk 8.0 MiB, 3.0 MiB of it mapped, 1.0 MiB chunks", ContentDescription.of(asif));
    }

    @Test
    void aTableCountsItsPartitions() throws IOException {
        Path image = Fixtures.copy("mbr-ext2.img", dir);
        try (FileChannel ch = FileChannel.open(image)) {
            ImageContent c = ContentDetector.detect(ch, 0, ch.size(), image.getFileName());
            assertEquals("MBR, 1 partition", ContentDescription.of(c));
            assertEquals("ext2", ContentDescription.of(c.partitions().get(0).content()).substring(0, 4));
        }
    }
}
