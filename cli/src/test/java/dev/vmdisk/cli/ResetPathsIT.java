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

/** Reset and the paths around the image: symbolic links where vmdisk's own files or the image would be, and {@code ..}. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the reset tests use the Linux port")
class ResetPathsIT {
    @TempDir
    Path dir;
    Path fresh;
    Path base;

    @BeforeEach
    void base() throws IOException {
        Tools.require("zstd");
        fresh = ext4(dir.resolve("fresh.img"), IMAGE_SIZE, 31);
        base = zstdBaseOf(fresh, dir.resolve("golden.zst"));
    }

    @Test
    void aSymbolicLinkWhereTheTemporaryFileGoesIsNamedAndNeverFollowed() throws IOException {
        Path image = ext4(dir.resolve("rootfs.img"), IMAGE_SIZE, 32);
        byte[] old = Files.readAllBytes(image);
        Path victim = Files.writeString(dir.resolve("victim"), "someone's file");
        Path temporary = ResetLeftovers.temporary(image);
        Files.createSymbolicLink(temporary, victim.getFileName());

        CliRun r = CliRun.of("reset", image.toString(), "--from", base.toString());

        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.err().contains(temporary.getFileName() + " beside it is a symbolic link"), r.err());
        assertFalse(r.err().contains("another"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(Files.isSymbolicLink(temporary), "the link was removed");
        assertEquals("someone's file", Files.readString(victim));
        assertArrayEquals(old, Files.readAllBytes(image));
    }

    @Test
    void aDanglingSymbolicLinkAsImageIsRefusedAndKept() throws IOException {
        Path link = dir.resolve("rootfs.img");
        Files.createSymbolicLink(link, Path.of("elsewhere", "missing.img"));

        CliRun r = CliRun.of("reset", link.toString(), "--from", base.toString());

        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.err().contains("a symbolic link to elsewhere/missing.img, which does not exist"), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link was replaced");
        assertFalse(Files.exists(dir.resolve("elsewhere")));
    }

    @Test
    void dotDotAfterASymbolicLinkIsResolvedAsTheKernelDoes() throws IOException {
        Path inner = Files.createDirectories(dir.resolve("real/inner"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), inner);
        // The kernel takes link/.. as real/ (inner's parent), the lexical path as dir/: the base beside it is found in
        // real/ (by the kernel), so the image must be made there too.
        Files.copy(base, dir.resolve("real/new.img.zst"));
        Path image = link.resolve("../new.img");

        CliRun r = CliRun.of("reset", image.toString(), "--json");

        assertEquals(0, r.exitCode(), r.describe());
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(dir.resolve("real/new.img")));
        assertFalse(Files.exists(dir.resolve("new.img")), "made at the lexical path");
        assertTrue(r.out().contains("\"path\": \"" + dir.toRealPath().resolve("real/new.img") + "\""), r.out());
        assertTrue(r.out().contains("\"base\": \"" + dir.toRealPath().resolve("real/new.img.zst") + "\""), r.out());
    }

    @Test
    void jsonGivesTheBaseAbsoluteAndNormalised() throws IOException {
        Path image = ext4(dir.resolve("rootfs.img"), IMAGE_SIZE, 33);
        Files.createDirectory(dir.resolve("sub"));
        Path roundabout = dir.resolve("sub/./../golden.zst");

        CliRun r = CliRun.of("reset", image.toString(), "--from", roundabout.toString(), "--json");

        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"base\": \"" + base.toRealPath() + "\""), r.out());
    }
}
