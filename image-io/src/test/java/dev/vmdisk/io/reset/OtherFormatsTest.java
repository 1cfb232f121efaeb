package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** xz, gzip, bzip2 and lz4 bases made by their own CLIs, and an uncompressed base. */
class OtherFormatsTest {
    @TempDir
    Path dir;
    Path image;

    @BeforeEach
    void makeImage() {
        image = TestImages.image(dir, "rootfs.img", 2 * 1024 * 1024 + 77, 7);
    }

    private Path compress(String tool, String extension) {
        Tools.require(tool);
        Path out = dir.resolve("rootfs.img" + extension);
        TestImages.sh(tool + " -q -c < '" + image + "' > '" + out + "'");
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xz,.xz,XZ", "gzip,.gz,GZIP", "bzip2,.bz2,BZIP2", "lz4,.lz4,LZ4"})
    void readsTheirOutputByteForByte(String tool, String extension, BaseFormat format) throws IOException {
        Path base = compress(tool, extension);
        try (BaseReader m = BaseReader.open(base)) {
            assertEquals(format, BaseFormat.sniff(m));
        }
        Path out = dir.resolve("out");
        assertEquals(Files.size(image), Decompress.toFile(base, out));
        assertArrayEquals(TestImages.bytes(image), TestImages.bytes(out));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xz,.xz", "gzip,.gz", "bzip2,.bz2", "lz4,.lz4"})
    void concatenatedStreamsAreReadToTheEnd(String tool, String extension) throws IOException {
        Path base = compress(tool, extension);
        byte[] once = TestImages.bytes(base);
        byte[] twice = java.util.Arrays.copyOf(once, once.length * 2);
        System.arraycopy(once, 0, twice, once.length, once.length);
        Path both = dir.resolve("twice" + extension);
        TestImages.write(both, twice);
        Path out = dir.resolve("out");
        assertEquals(2 * Files.size(image), Decompress.toFile(both, out));
    }

    @ParameterizedTest(name = "{0} cut to 3/4")
    @CsvSource({"xz,.xz", "gzip,.gz", "bzip2,.bz2", "lz4,.lz4"})
    void truncatedIsBadInput(String tool, String extension) throws IOException {
        Path base = compress(tool, extension);
        Path cut = TestImages.truncated(base, Files.size(base) * 3 / 4, dir.resolve("cut" + extension));
        BadInputException e = assertThrows(BadInputException.class, () -> Decompress.toFile(cut, dir.resolve("out")));
        assertTrue(e.getMessage().contains("cut" + extension), e.getMessage());
    }

    @ParameterizedTest(name = "{0} without its last bytes")
    @CsvSource({"xz,.xz", "gzip,.gz", "bzip2,.bz2", "lz4,.lz4"})
    void missingTrailerIsBadInput(String tool, String extension) throws IOException {
        Path base = compress(tool, extension);
        Path cut = TestImages.truncated(base, Files.size(base) - 2, dir.resolve("cut" + extension));
        assertThrows(BadInputException.class, () -> Decompress.toFile(cut, dir.resolve("out")));
    }

    @ParameterizedTest(name = "{0} with a flipped byte")
    @CsvSource({"xz,.xz", "gzip,.gz", "bzip2,.bz2", "lz4,.lz4"})
    void flippedByteIsBadInput(String tool, String extension) throws IOException {
        Path base = compress(tool, extension);
        Path bad = TestImages.flipped(base, Files.size(base) / 2, dir.resolve("flip" + extension));
        assertThrows(BadInputException.class, () -> Decompress.toFile(bad, dir.resolve("out")));
    }

    @ParameterizedTest(name = "read chunk 2^{0}")
    @ValueSource(ints = {12, 16, 26})
    void uncompressedBaseIsCopied(int chunkPower) throws IOException {
        Path raw = dir.resolve("base.img");
        Files.copy(image, raw);
        try (BaseReader m = BaseReader.open(raw)) {
            assertEquals(BaseFormat.RAW, BaseFormat.sniff(m));
        }
        Path out = dir.resolve("out");
        Decompress.toFile(raw, out, chunkPower, 8192);
        assertArrayEquals(TestImages.bytes(image), TestImages.bytes(out));
    }
}
