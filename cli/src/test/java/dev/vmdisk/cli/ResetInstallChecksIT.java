package dev.vmdisk.cli;

import dev.vmdisk.io.reset.ResetLeftovers;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.vmdisk.cli.ResetCommandIT.IMAGE_SIZE;
import static dev.vmdisk.cli.ResetCommandIT.ext4;
import static dev.vmdisk.cli.ResetCommandIT.zstdBaseOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What reset checks before it renames the new image over the old one: a base that decodes is not yet
 * the image's. Every refusal is exit 4 in one line, with the image byte-identical and no temporary file.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the reset tests use the Linux port")
class ResetInstallChecksIT {
    @TempDir
    Path dir;
    Path image;
    Path fresh;
    byte[] oldContent;

    @BeforeEach
    void images() throws IOException {
        Tools.require("zstd");
        image = ext4(dir.resolve("rootfs.img"), IMAGE_SIZE, 1);
        oldContent = Files.readAllBytes(image);
        fresh = ext4(dir.resolve("fresh.img"), IMAGE_SIZE, 2);
    }

    private void assertRefused(CliRun r, String... mentions) throws IOException {
        assertEquals(4, r.exitCode(), r.describe());
        assertEquals(1, r.err().strip().lines().count(), r.describe());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "no \"" + m + "\" in: " + r.err());
        }
        assertTrue(r.err().contains("rootfs.img is unchanged"), r.err());
        assertArrayEquals(oldContent, Files.readAllBytes(image), "the old image changed");
        assertFalse(Files.exists(ResetLeftovers.temporary(image)), "temporary file left behind");
    }

    @Test
    void aTextFileIsNotAnImage() throws IOException {
        Path text = dir.resolve("services");
        Files.writeString(text, "ssh\t\t22/tcp\nhttp\t\t80/tcp\n".repeat(500));

        assertRefused(CliRun.of("reset", image.toString(), "--from", text.toString()), "services", "--resize");
        // Allowed another size, it is still no disk image: refused after writing, the temporary file removed.
        assertRefused(CliRun.of("reset", image.toString(), "--from", text.toString(), "--resize"),
                "no partition table or file system", "--any-content");

        CliRun r = CliRun.of("reset", image.toString(), "--from", text.toString(), "--resize", "--any-content");
        assertEquals(0, r.exitCode(), r.describe());
        assertArrayEquals(Files.readAllBytes(text), Files.readAllBytes(image));
    }

    @Test
    void aBaseThatDecompressesToQcow2IsNoRawImage() throws IOException {
        Tools.require("qemu-img");
        Path qcow2 = dir.resolve("fresh.qcow2");
        Tools.run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", fresh.toString(), qcow2.toString()).orThrow();
        zstdBaseOf(qcow2, dir.resolve("rootfs.img.zst"));

        // Recognised (qcow2 has a magic) is not installable: the VM would read the qcow2 header as its disk.
        assertRefused(CliRun.of("reset", image.toString(), "--resize"), "decompresses to qcow2", "not a raw disk image",
                "--any-content");
        CliRun r = CliRun.of("reset", image.toString(), "--resize", "--any-content");
        assertEquals(0, r.exitCode(), r.describe());
        assertArrayEquals(Files.readAllBytes(qcow2), Files.readAllBytes(image));
    }

    @Test
    void aGzipFileNamedZstIsRefusedNamingBoth() throws IOException {
        Path base = dir.resolve("rootfs.img.zst");
        Tools.run("sh", "-c", "gzip -c '" + fresh + "' > '" + base + "'").orThrow();

        assertRefused(CliRun.of("reset", image.toString()), "rootfs.img.zst", "named like zstd", "gzip");
    }

    @Test
    void aSmallerBaseIsRefusedUnlessResizeAndTheReportShowsTheChange() throws IOException {
        Path small = ext4(dir.resolve("small.img"), 2 << 20, 3);

        assertRefused(CliRun.of("reset", image.toString(), "--from", small.toString()),
                "2.0 MiB (2097152 bytes)", "6.0 MiB (6291456 bytes)", "--resize");

        CliRun r = CliRun.of("reset", image.toString(), "--from", small.toString(), "--resize");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("resized from 6.0 MiB to 2.0 MiB (6291456 -> 2097152 bytes)"), r.out());
        assertArrayEquals(Files.readAllBytes(small), Files.readAllBytes(image));

        Path back = zstdBaseOf(fresh, dir.resolve("fresh.zst"));
        r = CliRun.of("reset", image.toString(), "--from", back.toString(), "--resize", "--json");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"previousApparentBytes\": 2097152"), r.out());
        assertTrue(r.out().contains("\"resized\": true"), r.out());
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(image));
    }

    @Test
    void aMultiFrameBaseWithoutContentSizesCutAtAFrameBoundaryIsRefused() throws IOException {
        // Two frames from pipes, so neither header declares its content size: only the total can tell.
        Path first = dir.resolve("first.zst");
        Path second = dir.resolve("second.zst");
        Tools.run("sh", "-c", "head -c 1048576 '" + fresh + "' | zstd -q -c > '" + first + "'").orThrow();
        Tools.run("sh", "-c", "tail -c +1048577 '" + fresh + "' | zstd -q -c > '" + second + "'").orThrow();
        Path whole = dir.resolve("whole.zst");
        Files.write(whole, concat(Files.readAllBytes(first), Files.readAllBytes(second)));

        assertRefused(CliRun.of("reset", image.toString(), "--from", first.toString()),
                "decompresses to 1.0 MiB (1048576 bytes)", "6.0 MiB");

        CliRun r = CliRun.of("reset", image.toString(), "--from", whole.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("2 frames"), r.out());
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(image));
    }

    @Test
    void aMissingImageTakesTheSizeTheBaseDeclares() throws IOException {
        Files.delete(image);
        Path base = zstdBaseOf(fresh, dir.resolve("fresh.zst"));

        CliRun r = CliRun.of("reset", image.toString(), "--from", base.toString(), "--json");

        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"previousApparentBytes\": null") && r.out().contains("\"resized\": false"), r.out());
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(image));
        Tools.run("e2fsck", "-fn", image.toString()).orThrow();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
