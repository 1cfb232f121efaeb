package dev.vmdisk.io.reset;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real zstd frames, made by the zstd CLI and by zstd-jni, through the reset's decompress-and-write core. */
class ZstdDecompressTest {
    @TempDir
    Path dir;
    Path image;

    @BeforeEach
    void makeImage() {
        image = TestImages.image(dir, "rootfs.img", 3 * 1024 * 1024 + 1234, 42);
    }

    private Path zstdCli(String name, String... options) {
        Tools.require("zstd");
        Path out = dir.resolve(name);
        StringBuilder cmd = new StringBuilder("zstd -q -f");
        for (String o : options) {
            cmd.append(' ').append(o);
        }
        TestImages.sh(cmd + " -o '" + out + "' '" + image + "'");
        return out;
    }

    private void assertDecompressesToImage(Path base) throws IOException {
        Path out = dir.resolve("out-" + base.getFileName());
        assertEquals(Files.size(image), Decompress.toFile(base, out));
        assertArrayEquals(TestImages.bytes(image), TestImages.bytes(out));
    }

    @Test
    void singleFrameFromTheCliWithChecksumAndContentSize() throws IOException {
        Path base = zstdCli("one.zst");
        try (BaseReader m = BaseReader.open(base)) {
            List<ZstdFrame> frames = ZstdFrames.walk(m);
            assertEquals(1, frames.size());
            assertTrue(frames.get(0).header().checksum(), "zstd writes a checksum by default");
            assertEquals(Files.size(image), ZstdFrames.declaredContentSize(frames));
            assertEquals(Files.size(base), frames.get(0).length());
        }
        assertDecompressesToImage(base);
    }

    @Test
    void tinyWindowsAndBuffersCrossEveryBoundary() throws IOException {
        Path base = zstdCli("one.zst", "-1");
        Path out = dir.resolve("out");
        Decompress.toFile(base, out, 12, 4096);
        assertArrayEquals(TestImages.bytes(image), TestImages.bytes(out));
    }

    @Test
    void frameWithoutContentSizeFromAPipe() throws IOException {
        Tools.require("zstd");
        Path base = dir.resolve("piped.zst");
        TestImages.sh("zstd -q -c < '" + image + "' > '" + base + "'");
        try (BaseReader m = BaseReader.open(base)) {
            List<ZstdFrame> frames = ZstdFrames.walk(m);
            assertEquals(ZstdFrameHeader.UNKNOWN_SIZE, frames.get(0).header().contentSize());
            assertEquals(ZstdFrameHeader.UNKNOWN_SIZE, ZstdFrames.declaredContentSize(frames));
        }
        assertDecompressesToImage(base);
    }

    @Test
    void frameWithoutChecksum() throws IOException {
        Path base = zstdCli("nocheck.zst", "--no-check");
        try (BaseReader m = BaseReader.open(base)) {
            assertFalse(ZstdFrames.walk(m).get(0).header().checksum());
        }
        assertDecompressesToImage(base);
    }

    @Test
    void multipleFramesWithSkippableFramesBetween() throws IOException {
        byte[] all = TestImages.bytes(image);
        int cut1 = 1_000_000;
        int cut2 = 2_500_000;
        ByteArrayOutputStream base = new ByteArrayOutputStream();
        base.write(skippable(0x184D2A50, 100));
        base.writeBytes(Zstd.compress(java.util.Arrays.copyOfRange(all, 0, cut1), 3));
        base.write(skippable(0x184D2A5F, 0));
        base.writeBytes(streamed(java.util.Arrays.copyOfRange(all, cut1, cut2))); // no content size
        base.writeBytes(Zstd.compress(java.util.Arrays.copyOfRange(all, cut2, all.length), 19));
        base.write(skippable(0x184D2A53, 7));
        Path p = dir.resolve("multi.zst");
        TestImages.write(p, base.toByteArray());
        try (BaseReader m = BaseReader.open(p)) {
            List<ZstdFrame> frames = ZstdFrames.walk(m);
            assertEquals(6, frames.size());
            assertEquals(3, frames.stream().filter(f -> !f.skippable()).count());
            // Headers read a few bytes at a time: every header crosses a refill.
            for (int span : new int[] {1, 7, 4096}) {
                assertEquals(frames, ZstdFrames.walk(m, span), "headers read " + span + " bytes at a time");
            }
        }
        assertDecompressesToImage(p);
        // The zstd CLI reads the same file to the same bytes.
        Tools.require("zstd");
        Path cli = dir.resolve("cli.out");
        Tools.run("zstd", "-q", "-d", "-f", "-o", cli.toString(), p.toString()).orThrow();
        assertArrayEquals(all, TestImages.bytes(cli));
    }

    private static byte[] skippable(int magic, int length) {
        ByteBuffer b = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(magic).putInt(length);
        for (int i = 0; i < length; i++) {
            b.put((byte) (i * 7 + 1));
        }
        return b.array();
    }

    private static byte[] streamed(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out).setChecksum(true)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "cut to {0}")
    @ValueSource(longs = {3, 5, 8, 100, 40_000, -5, -4, -3, -1})
    void truncatedAnywhereIsBadInputBeforeAnythingIsWritten(long cut) throws IOException {
        Path base = zstdCli("one.zst");
        long length = cut >= 0 ? cut : Files.size(base) + cut;
        Path bad = TestImages.truncated(base, length, dir.resolve("cut.zst"));
        try (BaseReader m = BaseReader.open(bad)) {
            BadInputException e = assertThrows(BadInputException.class, () -> ZstdFrames.walk(m));
            assertTrue(e.getMessage().contains("cut.zst"), e.getMessage());
            BadInputException small = assertThrows(BadInputException.class, () -> ZstdFrames.walk(m, 5));
            assertEquals(e.getMessage(), small.getMessage(), "the same refusal through a 5-byte header buffer");
        }
    }

    @Test
    void flippedChecksumByteIsCaughtByLibzstd() throws IOException {
        Path base = zstdCli("one.zst");
        Path bad = TestImages.flipped(base, Files.size(base) - 1, dir.resolve("flip.zst"));
        BadInputException e = assertThrows(BadInputException.class, () -> Decompress.toFile(bad, dir.resolve("o")));
        assertTrue(e.getMessage().toLowerCase().contains("checksum"), e.getMessage());
    }

    @Test
    void flippedDataByteIsBadInput() throws IOException {
        Path base = zstdCli("one.zst");
        // Past the header, inside the first block's payload.
        Path bad = TestImages.flipped(base, Files.size(base) / 2, dir.resolve("flip.zst"));
        assertThrows(BadInputException.class, () -> {
            try (BaseReader m = BaseReader.open(bad)) {
                ZstdFrames.walk(m);
            }
            Decompress.toFile(bad, dir.resolve("o"));
        });
    }

    @Test
    void flippedByteWithoutChecksumStillFailsOnContentSizeOrData() throws IOException {
        Path base = zstdCli("nocheck.zst", "--no-check");
        // Change the declared content size (last byte of the 4- or 8-byte Frame_Content_Size field).
        try (BaseReader m = BaseReader.open(base)) {
            ByteBuffer head = m.read(0, 18);
            assertEquals(BaseFormat.ZSTD_MAGIC, Le.u32(head, 0));
            ZstdFrameHeader h = ZstdFrameHeader.parse(head, base, 0);
            Path bad = TestImages.flipped(base, h.headerSize() - 2, dir.resolve("size.zst"));
            BadInputException e = assertThrows(BadInputException.class, () -> Decompress.toFile(bad, dir.resolve("o")));
            assertTrue(e.getMessage().contains("size.zst"), e.getMessage());
        }
    }

    @Test
    void trailingGarbageAfterTheLastFrameIsBadInput() throws IOException {
        Path base = zstdCli("one.zst");
        byte[] b = TestImages.bytes(base);
        byte[] more = java.util.Arrays.copyOf(b, b.length + 16);
        more[b.length] = 1;
        Path bad = dir.resolve("garbage.zst");
        TestImages.write(bad, more);
        try (BaseReader m = BaseReader.open(bad)) {
            assertThrows(BadInputException.class, () -> ZstdFrames.walk(m));
        }
    }
}
