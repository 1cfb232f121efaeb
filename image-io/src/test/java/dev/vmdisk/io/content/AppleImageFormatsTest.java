package dev.vmdisk.io.content;

import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Apple's UDIF ("koly" trailer) and sparse image ("sprs" header), from byte layouts built here after
 * the documented headers (libyal's libmodi, dmg2img): no tool writes them off a Mac.
 */
class AppleImageFormatsTest {
    @TempDir
    Path dir;

    /** A 512-byte UDIF trailer: "koly", version 4, header size 512, and {@code sectors} at byte 492. */
    static byte[] kolyTrailer(long sectors, int headerSize) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
        b.put(0, new byte[] {'k', 'o', 'l', 'y'});
        b.putInt(4, 4);
        b.putInt(8, headerSize);
        b.putLong(492, sectors);
        return b.array();
    }

    /** Appends {@code bytes} to {@code file}. */
    static void append(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(bytes));
        }
    }

    @Test
    void aRawDiskWithAKolyTrailerIsUdifNotTheExt4AtItsStart() throws IOException {
        // A UDRW image's data fork is the raw disk: the ext4 at byte 1024 is real, but the file is hdiutil's.
        Path image = Fixtures.copy("ext4-4k.img", dir);
        long disk = Files.size(image);
        append(image, kolyTrailer(disk / 512, 512));
        ImageContent c = ContentDetectorTest.detect(image);
        assertEquals(ContentKind.UDIF, c.kind(), c::name);
        assertEquals(disk, c.virtualBytes());
        assertEquals(new ContentFacts.Udif(4), c.facts());
    }

    @Test
    void kolyWithTheWrongHeaderSizeIsNotUdif() throws IOException {
        Path image = Fixtures.copy("ext4-4k.img", dir);
        append(image, kolyTrailer(8, 511));
        assertEquals(ContentKind.EXT4, ContentDetectorTest.detect(image).kind());
    }

    @Test
    void sparseImageByItsHeader() throws IOException {
        Path image = dir.resolve("disk.sparseimage");
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.BIG_ENDIAN);
        b.put(0, new byte[] {'s', 'p', 'r', 's'});
        b.putInt(4, 3);
        b.putInt(8, 2048); // 1 MiB bands
        b.putInt(12, 1);
        b.putInt(16, 20971520); // 10 GiB in sectors
        Files.write(image, b.array());
        ImageContent c = ContentDetectorTest.detect(image);
        assertEquals(ContentKind.SPARSEIMAGE, c.kind(), c::name);
        assertEquals(10L << 30, c.virtualBytes());
        assertEquals(new ContentFacts.SparseImage(3, 1L << 20), c.facts());
    }

    @Test
    void aRawExt4ImageIsStillExt4WithNoVirtualSize() throws IOException {
        ImageContent c = ContentDetectorTest.detect(Fixtures.copy("ext4-4k.img", dir));
        assertEquals(ContentKind.EXT4, c.kind());
        assertNull(c.virtualBytes());
    }
}
