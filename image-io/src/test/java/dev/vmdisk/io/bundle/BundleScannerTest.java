package dev.vmdisk.io.bundle;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.reset.BaseFormat;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleScannerTest {

    @TempDir
    Path dir;

    @Test
    void findsImagesSortedByNameAndSkipsEverythingElse() throws IOException {
        Fixtures.emptySparse(dir, "sessiondata.img", 1 << 20);
        Fixtures.emptySparse(dir, "rootfs.img", 1 << 20);
        Fixtures.emptySparse(dir, "disk.RAW", 1 << 20);
        Fixtures.emptySparse(dir, ".rootfs.img.vmdisk-reset.tmp", 4096); // a reset's temporary
        Fixtures.emptySparse(dir, ".hidden.img", 4096);
        Fixtures.emptySparse(dir, "rootfs.img.old", 4096);
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.createDirectory(dir.resolve("nested.img")); // a directory is no image
        Fixtures.emptySparse(Files.createDirectory(dir.resolve("sub")), "deep.img", 4096);

        List<BundleImage> images = BundleScanner.scan(dir);

        assertEquals(List.of("disk.RAW", "rootfs.img", "sessiondata.img"),
                images.stream().map(i -> i.path().getFileName().toString()).toList());
        assertTrue(images.stream().allMatch(i -> i.bases().isEmpty()));
    }

    @Test
    void findsEveryBaseBesideAnImageAndTellsItsFormatFromItsBytes() throws IOException {
        Path image = Fixtures.copy("ext4-4k.img", dir);
        for (String tool : new String[] {"zstd", "xz", "gzip", "bzip2", "lz4"}) {
            Tools.require(tool);
        }
        Path zst = sibling(image, ".zst");
        Tools.run("zstd", "-q", "-o", zst.toString(), image.toString()).orThrow();
        Tools.run("sh", "-c", "xz -c \"$0\" > \"$0.xz\" && gzip -c \"$0\" > \"$0.gz\" && bzip2 -c \"$0\" > \"$0.bz2\""
                + " && lz4 -q -c \"$0\" > \"$0.lz4\"", image.toString()).orThrow();

        List<BundleImage> images = BundleScanner.scan(dir);

        assertEquals(1, images.size());
        List<BaseFile> bases = images.get(0).bases();
        assertEquals(List.of(BaseFormat.ZSTD, BaseFormat.XZ, BaseFormat.GZIP, BaseFormat.BZIP2, BaseFormat.LZ4),
                bases.stream().map(BaseFile::format).toList());
        for (BaseFile b : bases) {
            assertEquals(Files.size(b.path()), b.bytes(), b.path().toString());
            assertEquals(b.format(), b.claimed());
            assertTrue(b.usableByReset());
        }
        assertEquals(zst, bases.get(0).path());
    }

    @Test
    void aBaseWhoseNameClaimsCompressionItsBytesLackIsFlagged() throws IOException {
        Path image = Fixtures.copy("ext4-4k.img", dir);
        Files.copy(image, sibling(image, ".zst")); // raw bytes under a .zst name: reset refuses it

        BaseFile base = BundleScanner.scan(dir).get(0).bases().get(0);

        assertEquals(BaseFormat.RAW, base.format());
        assertEquals(BaseFormat.ZSTD, base.claimed());
        assertFalse(base.usableByReset());
    }

    @Test
    void aBaseInAnotherFormatThanItsNameClaimsIsFlagged() throws IOException {
        Tools.require("gzip");
        Path image = Fixtures.copy("ext4-4k.img", dir);
        Tools.run("sh", "-c", "gzip -c '" + image + "' > '" + sibling(image, ".zst") + "'").orThrow();

        BaseFile base = BundleScanner.scan(dir).get(0).bases().get(0);

        assertEquals(BaseFormat.GZIP, base.format());
        assertEquals(BaseFormat.ZSTD, base.claimed());
        assertFalse(base.usableByReset(), "reset refuses a gzip file named .zst");
    }

    @Test
    void aMissingDirectoryOrAFileIsBadInputNamingIt() throws IOException {
        BadInputException missing = assertThrows(BadInputException.class, () -> BundleScanner.scan(dir.resolve("nope")));
        assertTrue(missing.getMessage().startsWith(dir.resolve("nope") + ": no such directory"), missing.getMessage());
        Path file = Fixtures.emptySparse(dir, "rootfs.img", 4096);
        BadInputException notDir = assertThrows(BadInputException.class, () -> BundleScanner.scan(file));
        assertTrue(notDir.getMessage().contains("not a directory"), notDir.getMessage());
    }

    private static Path sibling(Path image, String ending) {
        return image.resolveSibling(image.getFileName() + ending);
    }
}
