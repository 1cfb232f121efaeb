package dev.vmdisk.io.partition;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partition tables of the committed fixtures, and of copies with bytes changed the way damage changes them. */
class PartitionTableTest {
    /** gpt-efi-ext4.img: 8 MiB, so the backup header sits in sector 16383. */
    private static final long GPT_BACKUP = 16383L * 512;
    private static final long GPT_PRIMARY = 512;

    @TempDir
    Path dir;

    static PartitionTable read(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image)) {
            return PartitionTable.read(ch, ch.size(), image.getFileName());
        }
    }

    static BadInputException bad(Path image) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(image));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(image.getFileName() + ": "), e.getMessage());
        return e;
    }

    static void assertContains(String actual, String... parts) {
        for (String part : parts) {
            assertTrue(actual.contains(part), () -> "expected \"" + part + "\" in: " + actual);
        }
    }

    static void assertOneWarning(PartitionTable t, String... parts) {
        assertEquals(1, t.warnings().size(), t.warnings()::toString);
        assertContains(t.warnings().get(0), parts);
    }

    private Path gpt() {
        return Fixtures.copy("gpt-efi-ext4.img", dir);
    }

    @Test
    void gptFixtureHasItsTwoPartitions() throws IOException {
        PartitionTable t = read(gpt());
        assertEquals(Scheme.GPT, t.scheme());
        assertEquals(512, t.sectorSize());
        assertEquals("6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D", t.diskId());
        assertEquals(List.of(
                new Partition(1, 2048L * 512, 4096L * 512, "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI System",
                        "11111111-2222-4333-8444-555555555555", "EFI System"),
                new Partition(2, 6144L * 512, 8192L * 512, "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem",
                        "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE", "root")), t.partitions());
        assertEquals(List.of(), t.warnings());
    }

    @Test
    void mbrFixtureHasOneLinuxPartition() throws IOException {
        PartitionTable t = read(Fixtures.copy("mbr-ext2.img", dir));
        assertEquals(Scheme.MBR, t.scheme());
        assertEquals("0x1234abcd", t.diskId());
        assertEquals(List.of(new Partition(1, 2048L * 512, 6144L * 512, "0x83", "Linux", "1234abcd-01", null)),
                t.partitions());
    }

    @Test
    void aBareFileSystemZerosAndATinyFileHaveNoTable() throws IOException {
        assertEquals(PartitionTable.NONE, read(Fixtures.copy("bare-ext4.img", dir)));
        assertEquals(PartitionTable.NONE, read(Fixtures.emptySparse(dir, "zeros.img", 1 << 20)));
        assertEquals(PartitionTable.NONE, read(Fixtures.emptySparse(dir, "tiny.img", 100)));
    }

    @Test
    void aBadPrimaryHeaderCrcFallsBackToTheBackup() throws IOException {
        Path image = gpt();
        List<Partition> expected = read(image).partitions();
        ImageBytes.flipByte(image, GPT_PRIMARY + 0x38); // a byte of the disk GUID
        PartitionTable t = read(image);
        assertEquals(expected, t.partitions());
        assertOneWarning(t, "primary GPT at byte 512 is bad (header CRC32", "using the backup at byte " + GPT_BACKUP);
    }

    @Test
    void aBadPrimaryEntryArrayFallsBackToTheBackup() throws IOException {
        Path image = gpt();
        ImageBytes.flipByte(image, 1024 + 128 + 0x38); // first letter of partition 2's name
        PartitionTable t = read(image);
        assertEquals("root", t.partitions().get(1).name());
        assertOneWarning(t, "entry array CRC32");
    }

    @Test
    void aBadBackupIsAWarningWhenThePrimaryIsGood() throws IOException {
        Path image = gpt();
        ImageBytes.flipByte(image, GPT_BACKUP + 0x38);
        PartitionTable t = read(image);
        assertEquals(2, t.partitions().size());
        assertOneWarning(t, "backup GPT at byte " + GPT_BACKUP + " is bad");
    }

    @Test
    void bothHeadersBadIsBadInput() throws IOException {
        Path image = gpt();
        ImageBytes.flipByte(image, GPT_PRIMARY + 0x38);
        ImageBytes.flipByte(image, GPT_BACKUP + 0x38);
        assertContains(bad(image).getMessage(), "no usable GPT", "primary at byte 512: header CRC32",
                "backup at byte " + GPT_BACKUP + ": header CRC32");
    }

    @Test
    void anAbsurdEntryCountInBothHeadersIsBadInput() throws IOException {
        Path image = gpt();
        for (long header : new long[] {GPT_PRIMARY, GPT_BACKUP}) {
            ImageBytes.putU32(image, header + 0x50, 0xFFFF_FFFFL);
            ImageBytes.fixHeaderCrc(image, header);
        }
        assertContains(bad(image).getMessage(), "entry count 4294967295 at offset 0x50");
    }

    @Test
    void anAbsurdEntryCountInThePrimaryOnlyFallsBackToTheBackup() throws IOException {
        Path image = gpt();
        ImageBytes.putU32(image, GPT_PRIMARY + 0x50, 0x4000_0000L);
        ImageBytes.fixHeaderCrc(image, GPT_PRIMARY);
        PartitionTable t = read(image);
        assertEquals(2, t.partitions().size());
        assertOneWarning(t, "entry count 1073741824");
    }

    @Test
    void aPrimaryEntryArrayInsideTheUsableLbasFallsBackToTheBackup() throws IOException {
        Path image = gpt();
        ImageBytes.putU32(image, GPT_PRIMARY + 0x48, 2048);
        ImageBytes.fixHeaderCrc(image, GPT_PRIMARY);
        PartitionTable t = read(image);
        assertEquals(2, t.partitions().size());
        assertOneWarning(t, "entry array at LBA 2048 (32 sectors) overlaps the usable LBAs 2048..16350");
    }

    @Test
    void anAbsurdEntrySizeIsRejected() throws IOException {
        Path image = gpt();
        for (long header : new long[] {GPT_PRIMARY, GPT_BACKUP}) {
            ImageBytes.putU32(image, header + 0x54, 0x7FFF_FFFFL);
            ImageBytes.fixHeaderCrc(image, header);
        }
        assertContains(bad(image).getMessage(), "entry size 2147483647");
    }

    @Test
    void aGptPartitionPastTheEndOfATruncatedImageIsBadInput() throws IOException {
        Path image = gpt();
        ImageBytes.truncate(image, 5L << 20);
        assertEquals("gpt-efi-ext4.img: GPT partition 2 (entry at byte 1152) ends at byte 7340032, past the end"
                + " of the image at byte 5242880: the image is truncated, use a complete copy", bad(image).getMessage());
    }

    @Test
    void anMbrPartitionPastTheEndOfATruncatedImageIsBadInput() throws IOException {
        Path image = Fixtures.copy("mbr-ext2.img", dir);
        ImageBytes.truncate(image, 2L << 20);
        assertContains(bad(image).getMessage(), "MBR partition 1 (entry at byte 446) ends at byte 4194304",
                "image at byte 2097152");
    }

    @Test
    void aProtectiveMbrWithoutAnyGptHeaderIsBadInput() throws IOException {
        Path image = gpt();
        ImageBytes.flipByte(image, GPT_PRIMARY);
        ImageBytes.flipByte(image, GPT_BACKUP);
        assertContains(bad(image).getMessage(), "GPT protective entry", "GPT is lost");
    }

    @Test
    void anEnlargedImageKeepsItsPartitionsAndSaysWhereTheBackupIs() throws IOException {
        Path image = gpt();
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        PartitionTable t = read(image);
        assertEquals(2, t.partitions().size());
        assertOneWarning(t, "not at the last LBA 32767", "enlarged");
    }

    @Test
    void aGptWith4096ByteSectorsIsFoundWhen512FindsNothing() throws IOException {
        Path image = GptImage.write(dir.resolve("4kn.img"), 4096, 2048,
                new GptImage.Part(256, 767, GptImage.LINUX_FS, "data"));
        PartitionTable t = read(image);
        assertEquals(Scheme.GPT, t.scheme());
        assertEquals(4096, t.sectorSize());
        assertEquals(1, t.partitions().size());
        Partition p = t.partitions().get(0);
        assertEquals(256L * 4096, p.startByte());
        assertEquals(512L * 4096, p.lengthBytes());
        assertEquals("Linux filesystem", p.typeName());
        assertEquals("data", p.name());
    }

    @Test
    void overlappingPartitionsAreBadInput() throws IOException {
        Path image = GptImage.write(dir.resolve("overlap.img"), 512, 8192,
                new GptImage.Part(2048, 4095, GptImage.LINUX_FS, "a"),
                new GptImage.Part(4000, 6000, GptImage.LINUX_FS, "b"));
        assertContains(bad(image).getMessage(), "partitions 1 and 2 overlap at LBA 4000");
    }

    @Test
    void aPartitionOutsideTheUsableRangeIsBadInput() throws IOException {
        Path image = GptImage.write(dir.resolve("outside.img"), 512, 8192,
                new GptImage.Part(1, 100, GptImage.LINUX_FS, "on the header"));
        assertContains(bad(image).getMessage(), "spans LBAs 1..100, outside the usable 34..8158");
    }

    @Test
    void anMbrWhoseEntriesAreNotEntriesIsNoTable() throws IOException {
        Path image = Fixtures.copy("mbr-ext2.img", dir);
        ImageBytes.write(image, 446, java.nio.ByteBuffer.wrap(new byte[] {0x42}));
        assertEquals(PartitionTable.NONE, read(image));
        assertNull(read(image).diskId());
        assertTrue(Files.size(image) > 0);
    }
}
