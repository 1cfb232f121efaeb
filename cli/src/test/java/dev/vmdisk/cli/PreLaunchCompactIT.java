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
import java.util.Random;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vmdisk compact}'s pre-launch options on real files with a real holder process: each threshold
 * one byte either side of the image's known figure, --skip-busy, --quiet, and a bundle directory.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "uses the Linux port and /proc for holders")
class PreLaunchCompactIT {
    static final long MIB = 1 << 20;
    /** What the image gives back: the written zeros. */
    static final long RECLAIMABLE = 3 * MIB;
    /** What the host allocates for the image: random, zeros, random. */
    static final long ALLOCATED = 5 * MIB;

    @TempDir
    Path dir;
    Path image;

    @BeforeEach
    void image() throws IOException {
        image = imageWithZeros(dir, "rootfs.img");
    }

    /** 8 MiB apparent: 1 MiB random, {@link #RECLAIMABLE} of written zeros, 1 MiB random, then a hole. */
    static Path imageWithZeros(Path dir, String name) throws IOException {
        Path image = Fixtures.emptySparse(dir, name, 8 * MIB);
        byte[] random = new byte[(int) MIB];
        new Random(7).nextBytes(random);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.write(random);
            f.write(new byte[(int) RECLAIMABLE]);
            f.write(random);
            f.getFD().sync();
        }
        assertEquals(ALLOCATED, Tools.allocatedBytes(image));
        return image;
    }

    @Test
    void belowTheReclaimableThresholdNothingIsDoneAndItSaysWhy() throws IOException {
        String before = sha256(image);
        CliRun r = CliRun.of("compact", "--if-reclaimable", String.valueOf(RECLAIMABLE + 1), image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(image + ": 3.0 MiB reclaimable, below 3.0 MiB (3145728 vs 3145729 bytes); nothing done\n", r.out());
        assertEquals("", notWarnings(r.err()));
        assertEquals(before, sha256(image));
        assertEquals(ALLOCATED, Tools.allocatedBytes(image));

        r = CliRun.of("compact", "--if-reclaimable", "1G", image.toString());
        assertEquals(image + ": 3.0 MiB reclaimable, below 1.0 GiB; nothing done\n", r.out(), r.describe());
    }

    @Test
    void atTheReclaimableThresholdItCompacts() throws IOException {
        String before = sha256(image);
        CliRun r = CliRun.of("compact", "--if-reclaimable", "3M", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith(image + ": punched 3.0 MiB of zero blocks; allocated 5.0 MiB -> 2.0 MiB"), r.describe());
        assertEquals(before, sha256(image));
        assertEquals(ALLOCATED - RECLAIMABLE, Tools.allocatedBytes(image));
    }

    @Test
    void withDryRunTheThresholdDecidesWhatIsReportedAndNothingChanges() throws IOException {
        CliRun r = CliRun.of("compact", "--dry-run", "--zeros-only", "--if-reclaimable", "3M", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith(image + ": would free 3.0 MiB of zero blocks"), r.describe());
        assertEquals(ALLOCATED, Tools.allocatedBytes(image));
    }

    @Test
    void allocatedOverIsStrictlyOver() throws IOException {
        CliRun r = CliRun.of("compact", "--if-allocated-over", "5M", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(image + ": 5.0 MiB allocated, not over 5.0 MiB (5242880 vs 5242880 bytes); nothing done\n", r.out());
        assertEquals(ALLOCATED, Tools.allocatedBytes(image));

        r = CliRun.of("compact", "--json", "--if-allocated-over", String.valueOf(ALLOCATED - 1), image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"punchedBytes\": " + RECLAIMABLE), r.describe());
        assertEquals(ALLOCATED - RECLAIMABLE, Tools.allocatedBytes(image));
    }

    @Test
    void bothThresholdsMustHold() throws IOException {
        CliRun r = CliRun.of("compact", "--json", "--if-allocated-over", "1M", "--if-reclaimable", "4M", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"skipped\": \"below-threshold\",\n      \"reason\": \"3.0 MiB reclaimable, below 4.0 MiB; nothing done\""),
                r.describe());
        assertEquals(ALLOCATED, Tools.allocatedBytes(image));
    }

    @Test
    void skipBusyPassesOverAHeldImageWithExit0AndWithoutItExit3() throws IOException {
        String before = sha256(image);
        try (HolderProcess holder = new HolderProcess(image)) {
            CliRun r = CliRun.of("compact", "--if-reclaimable", "1M", "--skip-busy", image.toString());
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(image + ": in use, held by sleep (pid " + holder.pid() + ", open); skipped\n", r.out());
            assertEquals("", notWarnings(r.err()));

            r = CliRun.of("compact", "--skip-busy", "--quiet", image.toString());
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("", r.out() + r.err());

            r = CliRun.of("compact", "--if-reclaimable", "1M", image.toString());
            assertEquals(3, r.exitCode(), r.describe());
            assertTrue(r.err().contains("held by sleep (pid " + holder.pid()), r.describe());
        }
        assertEquals(before, sha256(image));
        assertEquals(ALLOCATED, Tools.allocatedBytes(image));
    }

    @Test
    void quietPrintsNothingOnSuccessButStillPrintsErrors() throws IOException {
        CliRun r = CliRun.of("compact", "--quiet", image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.out() + r.err());
        assertEquals(ALLOCATED - RECLAIMABLE, Tools.allocatedBytes(image));

        r = CliRun.of("compact", "--quiet", dir.resolve("missing.img").toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("vmdisk: " + dir.resolve("missing.img")), r.describe());

        r = CliRun.of("compact", "--quiet", "--json", image.toString());
        assertEquals(2, r.exitCode(), r.describe());
    }

    @Test
    void aBundleDirectoryStandsForItsImages() throws IOException {
        Path bundle = Files.createDirectory(dir.resolve("claudevm.bundle"));
        Path rootfs = Fixtures.copy("ext4-4k.img", bundle);
        Files.move(rootfs, bundle.resolve("rootfs.img"));
        Path session = Files.move(image, bundle.resolve("sessiondata.img"));
        Files.writeString(bundle.resolve("config.json"), "{}");
        String sessionBytes = sha256(session);

        CliRun r = CliRun.of("compact", "--if-reclaimable", "2M", bundle.toString());
        assertEquals(0, r.exitCode(), r.describe());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith(bundle.resolve("rootfs.img") + ": "), r.describe());
        assertTrue(lines[lines.length - 1].startsWith(session + ": punched 3.0 MiB of zero blocks"), r.describe());
        assertEquals(sessionBytes, sha256(session));
        assertEquals(ALLOCATED - RECLAIMABLE, Tools.allocatedBytes(session));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        r = CliRun.of("compact", empty.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.err().contains("no images (*.img, *.raw) in this directory"), r.describe());
    }

    /** stderr less the warning a machine may add (processes of other users that could not be checked). */
    static String notWarnings(String err) {
        return err.lines().filter(l -> !l.startsWith("vmdisk: warning: ")).map(l -> l + "\n").reduce("", String::concat);
    }

}
