package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.vmdisk.cli.PreLaunchCompactIT.notWarnings;
import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vmdisk reset BUNDLE} on a bundle made from a fixture and a base made by the zstd CLI: images with
 * a base are reset, the others skipped, {@code --sessions} removes exactly sessiondata.img, and a held
 * image is refused (exit 3) while the others are still done.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "uses the Linux port and /proc for holders")
class BundleResetIT {
    @TempDir
    Path bundle;
    Path rootfs;
    Path session;
    Path lookalike;
    Path noBase;
    String baseSha;

    @BeforeEach
    void bundle() throws IOException {
        Tools.require("zstd");
        rootfs = Files.move(Fixtures.copy("ext4-4k.img", bundle), bundle.resolve("rootfs.img"));
        Tools.run("zstd", "-q", "-o", bundle.resolve("rootfs.img.zst").toString(), rootfs.toString()).orThrow();
        baseSha = sha256(rootfs);
        try (RandomAccessFile f = new RandomAccessFile(rootfs.toFile(), "rw")) {
            f.seek(1 << 20);
            f.write("grown by the guest".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        session = written(Fixtures.emptySparse(bundle, "sessiondata.img", 4 << 20));
        lookalike = written(Fixtures.emptySparse(bundle, "old-sessiondata.img", 1 << 20));
        noBase = written(Fixtures.emptySparse(bundle, "swap.raw", 1 << 20));
        Files.writeString(bundle.resolve("config.json"), "{}");
    }

    private static Path written(Path p) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(p.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return p;
    }

    @Test
    void resetsImagesWithABaseAndListsTheOthersAsSkipped() throws IOException {
        String sessionSha = sha256(session);
        CliRun r = CliRun.of("reset", bundle.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(baseSha, sha256(rootfs));
        assertEquals(sessionSha, sha256(session));
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.describe());
        assertEquals(lookalike + ": no base beside it (old-sessiondata.img.zst, .xz, .gz, .bz2 or .lz4); skipped", lines[0]);
        assertTrue(lines[1].startsWith(rootfs.toRealPath() + ": reset from rootfs.img.zst (zstd, 1 frame, checksum verified)"), r.describe());
        assertEquals(session + ": no base beside it (sessiondata.img.zst, .xz, .gz, .bz2 or .lz4); skipped", lines[2]);
        assertEquals(noBase + ": no base beside it (swap.raw.zst, .xz, .gz, .bz2 or .lz4); skipped", lines[3]);
        assertEquals("", notWarnings(r.err()));
    }

    @Test
    void sessionsRemovesExactlySessiondataImg() throws IOException {
        String lookalikeSha = sha256(lookalike);
        CliRun r = CliRun.of("reset", "--sessions", bundle.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertFalse(Files.exists(session), r.describe());
        assertEquals(lookalikeSha, sha256(lookalike));
        assertTrue(Files.exists(noBase) && Files.exists(bundle.resolve("config.json")));
        assertEquals(baseSha, sha256(rootfs));
        // A session image vmdisk cannot read (no ext file system in it) is still removed, and the line says what is not known.
        assertTrue(r.out().contains(session + ": removed, and with it whatever the guest kept in /sessions (vmdisk could not"
                + " read it: "), r.describe());
        assertTrue(r.out().contains("; the app creates a new session image at its next start\n"), r.describe());
        assertTrue(r.err().contains("vmdisk: " + session + ": removing it loses whatever the guest kept in /sessions"), r.describe());

        r = CliRun.of("reset", "--sessions", "--json", bundle.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"path\": \"" + session + "\",\n      \"action\": \"skipped\",\n      \"reason\": \"not in the bundle; nothing to remove\""),
                r.describe());
        assertTrue(r.out().contains("\"action\": \"reset\""), r.describe());
    }

    @Test
    void aHeldSessionImageIsRefusedAndTheOthersAreStillReset() throws IOException {
        String sessionSha = sha256(session);
        try (HolderProcess holder = new HolderProcess(session)) {
            CliRun r = CliRun.of("reset", "--sessions", bundle.toString());
            assertEquals(3, r.exitCode(), r.describe());
            assertEquals("vmdisk: " + session + ": held by sleep (pid " + holder.pid() + ", open); quit the app (stop the VM)"
                    + " first, the session image was not removed\n", notWarnings(r.err()));
            assertFalse(r.out().contains(session + ":"), r.describe());
        }
        assertEquals(sessionSha, sha256(session));
        assertEquals(baseSha, sha256(rootfs));
    }

    @Test
    void aHeldImageIsLeftAsItWasAndTheSessionImageStillGoes() throws IOException {
        String grown = sha256(rootfs);
        try (HolderProcess holder = new HolderProcess(rootfs)) {
            CliRun r = CliRun.of("reset", "--sessions", bundle.toString());
            assertEquals(3, r.exitCode(), r.describe());
            assertTrue(notWarnings(r.err()).startsWith("vmdisk: " + rootfs.toRealPath() + ": in use, held by sleep (pid " + holder.pid()),
                    r.describe());
        }
        assertEquals(grown, sha256(rootfs));
        assertFalse(Files.exists(session));
        try (var files = Files.list(bundle)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
        }
    }

    @Test
    void optionsThatNeedOneImageOrABundleAreUsageErrors() throws IOException {
        CliRun r = CliRun.of("reset", "--from", bundle.resolve("rootfs.img.zst").toString(), bundle.toString());
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("--from is for one image"), r.describe());
        r = CliRun.of("reset", "--sessions", rootfs.toString());
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("--sessions is for a bundle directory"), r.describe());
        assertTrue(Files.exists(session));
        assertFalse(sha256(rootfs).equals(baseSha));
    }
}
