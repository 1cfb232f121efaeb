package dev.vmdisk.io.content;

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
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the committed fixtures hold, and the two answers that need no signature: empty and unknown. */
class ContentDetectorTest {
    @TempDir
    Path dir;

    static ImageContent detect(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image)) {
            return ContentDetector.detect(ch, 0, ch.size(), image.getFileName());
        }
    }

    @Test
    void gptFixtureHoldsFatAndExt4() throws IOException {
        ImageContent c = detect(Fixtures.copy("gpt-efi-ext4.img", dir));
        assertEquals(ContentKind.GPT, c.kind());
        assertEquals(2, c.partitions().size());
        assertEquals(2, c.partitions().size());

        ImageContent efi = c.partitions().get(0).content();
        assertEquals(ContentKind.FAT, efi.kind());
        assertEquals(new ContentFacts.Volume("FAT12", 2L << 20, 0), efi.facts());
        assertEquals("FAT12", efi.name(), "the name messages use: the volume's own");
        assertEquals("EFI", efi.label());
        assertEquals("1234-5678", efi.uuid());
        assertEquals(1L << 20, efi.offset());

        ImageContent root = c.partitions().get(1).content();
        assertEquals(ContentKind.EXT4, root.kind());
        assertEquals(new ContentFacts.Ext(4L << 20, 1024, false), root.facts());
        assertEquals("gptroot", root.label());
        assertEquals("0b1e7a55-0000-4000-8000-00000000e4e4", root.uuid());
        assertEquals(List.of(), root.partitions());
    }

    @Test
    void mbrFixtureHoldsExt2() throws IOException {
        ImageContent c = detect(Fixtures.copy("mbr-ext2.img", dir));
        assertEquals(ContentKind.MBR, c.kind());
        assertEquals(1, c.partitions().size());
        ImageContent data = c.partitions().get(0).content();
        assertEquals(ContentKind.EXT2, data.kind());
        assertEquals("mbrdata", data.label());
        assertEquals("0b1e7a55-0000-4000-8000-00000000e2e2", data.uuid());
    }

    @Test
    void bareFixtureIsExt4WithoutTable() throws IOException {
        ImageContent c = detect(Fixtures.copy("bare-ext4.img", dir));
        assertEquals(ContentKind.EXT4, c.kind());
        assertEquals("bare", c.label());
        assertNull(c.table());
        assertEquals("0b1e7a55-0000-4000-8000-0000000ba4e4", c.uuid());
        assertEquals(new ContentFacts.Ext(4L << 20, 1024, false), c.facts());
    }

    @Test
    void zerosAreEmptyAndRandomBytesUnknown() throws IOException {
        assertEquals(ContentKind.EMPTY, detect(Fixtures.emptySparse(dir, "zeros.img", 3 << 20)).kind());
        assertEquals(ContentKind.EMPTY, detect(Fixtures.emptySparse(dir, "nothing.img", 0)).kind());
        Path noise = dir.resolve("noise.img");
        byte[] bytes = new byte[1 << 20];
        new Random(42).nextBytes(bytes);
        Files.write(noise, bytes);
        ImageContent c = detect(noise);
        assertEquals(ContentKind.UNKNOWN, c.kind());
        assertEquals(new ContentFacts.Unknown(0), c.facts());
        assertEquals("unknown content", c.name(), "the name messages use");
    }

    @Test
    void aRegionOfAnImageIsDetectedOnItsOwn() throws IOException {
        Path image = Fixtures.copy("gpt-efi-ext4.img", dir);
        try (FileChannel ch = FileChannel.open(image)) {
            ImageContent c = ContentDetector.detect(ch, 3L << 20, 4L << 20);
            assertEquals(ContentKind.EXT4, c.kind());
            assertEquals(3L << 20, c.offset());
        }
    }

    @Test
    void aTruncatedPartitionedImageIsBadInput() throws IOException {
        Path image = Fixtures.copy("gpt-efi-ext4.img", dir);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(5L << 20);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> detect(image));
        assertEquals("gpt-efi-ext4.img: GPT partition 2 (entry at byte 1152) ends at byte 7340032, past the end"
                + " of the image at byte 5242880: the image is truncated, use a complete copy", e.getMessage());
    }
}
