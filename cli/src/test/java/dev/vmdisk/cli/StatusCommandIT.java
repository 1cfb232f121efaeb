package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** vmdisk status over a bundle made from fixtures, with a real process holding one image. */
class StatusCommandIT {
    private static final long MIB = 1 << 20;

    @TempDir
    Path bundle;

    Path rootfs;
    Path base;
    Path session;
    Process holder;

    @BeforeEach
    void makeBundle() throws IOException, InterruptedException {
        Tools.require("zstd");
        rootfs = Fixtures.copy("ext4-4k.img", bundle);
        base = bundle.resolve("rootfs.img.zst");
        Files.move(rootfs, bundle.resolve("rootfs.img"));
        rootfs = bundle.resolve("rootfs.img");
        Tools.run("zstd", "-q", "-o", base.toString(), rootfs.toString()).orThrow();
        // sessiondata.img: 8 MiB apparent, of which 2 MiB written as zeros: allocated, and what compact gives back.
        session = Fixtures.emptySparse(bundle, "sessiondata.img", 8 * MIB);
        try (RandomAccessFile f = new RandomAccessFile(session.toFile(), "rw")) {
            f.seek(MIB);
            f.write(new byte[(int) (2 * MIB)]);
            f.getFD().sync();
        }
        Files.writeString(bundle.resolve("config.json"), "{}");
        holder = new ProcessBuilder("sh", "-c", "exec 3<\"$0\"; echo ready; exec sleep 60", session.toString())
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", r.readLine());
    }

    @AfterEach
    void stopHolder() throws InterruptedException {
        holder.destroy();
        holder.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void textShowsEveryImageItsBaseItsHoldersAndTheVolume() throws IOException {
        CliRun r = CliRun.of("status", bundle.toString());

        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.err().lines().filter(l -> l.contains("could not be checked")).count() <= 1,
                "processes that could not be checked are reported once for the bundle, not per image: " + r.err());
        String[] lines = r.out().split("\\R");
        assertEquals(bundle.toString(), lines[0], r.describe()); // no colour: stdout is no terminal here
        assertFalse(r.out().contains("\u001b["), r.describe());
        String rootfsRow = row(r.out(), "rootfs.img ");
        assertTrue(rootfsRow.contains(Sizes.human(Files.size(rootfs))), rootfsRow);
        assertTrue(rootfsRow.contains(Sizes.human(allocated(rootfs))), rootfsRow);
        assertTrue(rootfsRow.endsWith("none"), rootfsRow);
        assertTrue(r.out().contains("    base rootfs.img.zst (zstd, " + Sizes.human(Files.size(base)) + ")"), r.describe());
        String sessionRow = row(r.out(), "sessiondata.img");
        // compact refuses a held image, so what it would give back is not known until the VM stops.
        assertTrue(sessionRow.matches(".*8\\.0 MiB +2\\.0 MiB +unknown +held by sleep \\(pid " + holder.pid() + ", open\\)"),
                sessionRow);
        assertTrue(r.out().contains("    reclaimable unknown: held by sleep (pid " + holder.pid() + ", open); compact refuses an"
                + " image in use: stop the VM first"), r.describe());
        // rootfs.img: the figure is compact --dry-run's, trim and zeros together (the old column had the zeros alone).
        String dry = CliRun.of("compact", "--dry-run", "--json", rootfs.toString()).out();
        long trimmed = Long.parseLong(dry.replaceAll("(?s).*\"trimmedBytes\": (\\d+).*", "$1"));
        long zeros = Long.parseLong(dry.replaceAll("(?s).*\"zeroBytes\": (\\d+).*", "$1"));
        assertTrue(trimmed > 0, dry);
        assertTrue(rootfsRow.contains(" " + Sizes.human(trimmed + zeros) + "  none"), rootfsRow + "\n" + dry);
        assertTrue(r.out().contains("    whole image: ext4 \"ext4-4k.img\", 32.0 MiB, 26% used, 23.6 MiB free; clean"), r.describe());
        assertTrue(r.out().matches("(?s).*config\\.json +other +4\\.0 KiB  unknown\n.*"), r.describe());
        assertTrue(row(r.out(), "host volume").matches("host volume .*: \\d+% used, .* available of .*"), r.describe());
    }

    @Test
    void jsonCarriesTheSameFigures() throws IOException {
        CliRun r = CliRun.of("status", "--json", bundle.toString());

        assertEquals(0, r.exitCode(), r.describe());
        String json = r.out();
        assertTrue(json.contains("\"bundle\": \"" + bundle + "\""), json);
        assertTrue(json.contains("\"path\": \"" + rootfs + "\",\n      \"apparentBytes\": " + Files.size(rootfs)
                + ",\n      \"allocatedBytes\": " + allocated(rootfs)), json);
        assertTrue(json.contains("\"path\": \"" + base + "\",\n          \"format\": \"zstd\",\n          \"bytes\": "
                + Files.size(base) + ",\n          \"usableByReset\": true"), json);
        assertTrue(json.contains("\"path\": \"" + session + "\",\n      \"apparentBytes\": " + 8 * MIB
                + ",\n      \"allocatedBytes\": " + 2 * MIB + ",\n      \"format\": \"raw\",\n      \"reclaimableBytes\": null"), json);
        assertTrue(json.contains("\"pid\": " + holder.pid() + ",\n            \"name\": \"sleep\""), json);
        String du = Tools.run("du", "-sB1", bundle.toString()).orThrow().stdout().split("\\s+")[0];
        assertTrue(json.contains("\n  \"allocatedBytes\": " + du + ",\n  \"reclaimableBytes\": "), "du -sB1 says " + du + "\n" + json);
        // POSIX df -k -P (BSD df on macOS has no --output): the fifth column is the capacity, "NN%".
        String pcent = Tools.run("df", "-k", "-P", bundle.toString()).orThrow().stdout().lines().skip(1)
                .findFirst().orElseThrow().trim().split("\\s+")[4].replace("%", "");
        int percent = Integer.parseInt(json.replaceAll("(?s).*\"percentUsed\": (\\d+).*", "$1"));
        assertTrue(Math.abs(Integer.parseInt(pcent) - percent) <= 1, pcent + "% by df\n" + json);
        assertTrue(json.matches("(?s).*\"level\": \"(ok|warn|full)\".*"), json);
    }

    @Test
    void theTotalIsWhatDuSaysWithHardLinksSymbolicLinksAndSubdirectories() throws IOException {
        // A hard link counts once, a symbolic link is the link (never its 32 MiB target), a directory is itself and all in it.
        Files.createLink(bundle.resolve("rootfs.img.old"), rootfs);
        Files.createSymbolicLink(bundle.resolve("current.img.link"), rootfs);
        Path sub = Files.createDirectories(bundle.resolve("logs/old"));
        Files.write(sub.resolve("vm.log"), new byte[300_000]);
        CliRun r = CliRun.of("status", "--json", bundle.toString());
        assertEquals(0, r.exitCode(), r.describe());
        String du = Tools.run("du", "-sB1", bundle.toString()).orThrow().stdout().split("\\s+")[0];
        assertTrue(r.out().contains("\n  \"allocatedBytes\": " + du + ",\n"), "du -sB1 says " + du + "\n" + r.out());
        assertTrue(r.out().contains("\"kind\": \"kept-old-image\""), r.out());
    }

    @Test
    void aKilledResetsTemporaryFileIsListedWithItsSize() throws IOException {
        // What kill -9 during a reset leaves: the new image half written beside the old one.
        Path temporary = dev.vmdisk.io.reset.ResetLeftovers.temporary(rootfs);
        try (RandomAccessFile f = new RandomAccessFile(temporary.toFile(), "rw")) {
            f.write(new byte[(int) (3 * MIB)]);
            f.getFD().sync();
        }
        String allocated = Sizes.human(allocated(temporary));

        CliRun r = CliRun.of("status", bundle.toString());

        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("  leftover .rootfs.img.vmdisk-reset.tmp: 3.0 MiB, " + allocated + " allocated, "
                + "the temporary file of a vmdisk reset that did not finish (or is running); vmdisk reset rootfs.img removes it"),
                r.describe());
        r = CliRun.of("status", "--json", bundle.toString());
        assertTrue(r.out().contains("\"path\": \"" + temporary + "\",\n      \"image\": \"" + rootfs + "\",\n"
                + "      \"apparentBytes\": " + 3 * MIB), r.describe());
    }

    @Test
    void aDirectoryWithoutImagesIsBadInputNamingIt() throws IOException {
        Path empty = Files.createDirectory(bundle.resolve("empty"));
        CliRun r = CliRun.of("status", empty.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertEquals("vmdisk: " + empty + ": no images (*.img, *.raw) in this directory"
                + " (pass the VM bundle directory that holds them)", r.err().strip(), r.describe());
        assertEquals("", r.out());
    }

    @Test
    void withoutABundleOffMacosItSaysWhereToPassOne() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Mac"), "macOS has a default bundle");
        CliRun r = CliRun.of("status");
        assertEquals(4, r.exitCode(), r.describe());
        assertEquals(1, r.err().lines().count(), r.describe());
        assertTrue(r.err().contains("pass the bundle directory: vmdisk status DIR"), r.describe());
    }

    private static String row(String out, String start) {
        return out.lines().map(String::strip).filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + start + " in\n" + out));
    }

    private static long allocated(Path p) {
        return Tools.allocatedBytes(p);
    }
}
