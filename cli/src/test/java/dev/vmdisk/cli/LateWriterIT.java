package dev.vmdisk.cli;

import dev.vmdisk.testdata.FreeBlocks;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile test of issue 17, item 1, with the real vmdisk process: start {@code vmdisk compact -q}, wait
 * until its lock shows in /proc/locks, then, from Python, open the image read-write with no lock and write
 * a marker into every 64th block the guest calls free (what a booting guest does), fsync, and check that
 * every marker is still there afterwards (the hostile test lost 6-98 of ~2,000 before the lease).
 * Whether the writer arrives mid-run depends on timing, so a run where vmdisk finished first is reported
 * as skipped, not passed; LateOpenerIT makes the same race exact, in process.
 */
@EnabledOnOs(OS.LINUX)
class LateWriterIT {
    /** Opens the image (waiting while vmdisk's lease stands), writes the markers, fsyncs, prints how many. */
    static final String WRITER = "import os,sys\n"
            + "fd=os.open(sys.argv[1], os.O_RDWR)\n"
            + "offs=[int(x) for x in open(sys.argv[2]).read().split()]\n"
            + "for o in offs:\n"
            + "    os.pwrite(fd, b'VMDISK-MARKER-%012d' % o, o)\n"
            + "os.fsync(fd)\n"
            + "print(len(offs))\n";
    static final String CHECK = "import os,sys\n"
            + "fd=os.open(sys.argv[1], os.O_RDONLY)\n"
            + "offs=[int(x) for x in open(sys.argv[2]).read().split()]\n"
            + "lost=[o for o in offs if os.pread(fd, 26, o) != b'VMDISK-MARKER-%012d' % o]\n"
            + "print(len(lost))\n";

    @TempDir
    Path dir;

    @Test
    void aGuestThatStartsWritingDuringCompactLosesNoWrite() throws Exception {
        for (String tool : List.of("python3", "mke2fs", "debugfs", "dumpe2fs", "e2fsck")) {
            Tools.require(tool);
        }
        Path img = churnedGuest();
        Path offsets = dir.resolve("offsets");
        Files.writeString(offsets, String.join("\n", everySixtyFourthFreeBlock(img)));
        Tools.run("python3", GeneratedDocsIT.TARGET.resolve("../../bench/sparse-copy.py").normalize().toString(),
                img.toString(), dir.resolve("cold.img").toString(), "--cold").orThrow();
        Files.move(dir.resolve("cold.img"), img, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Process vmdisk = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", GeneratedDocsIT.TARGET.resolve("vmdisk.jar").toString(), "compact", "-q", img.toString())
                .redirectErrorStream(true).start();
        String inode = Long.toString((Long) Files.getAttribute(img, "unix:ino"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (vmdisk.isAlive() && !leaseShows(inode) && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        Tools.Result writer = Tools.run("python3", "-c", WRITER, img.toString(), offsets.toString());
        assertTrue(vmdisk.waitFor(60, TimeUnit.SECONDS));
        String out = new String(vmdisk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, writer.exitCode(), writer.stderr());
        Tools.Result lost = Tools.run("python3", "-c", CHECK, img.toString(), offsets.toString()).orThrow();
        assertEquals("0", lost.stdout().trim(), "markers lost; vmdisk said: " + out);
        Assumptions.assumeTrue(vmdisk.exitValue() == 3,
                "vmdisk finished (exit " + vmdisk.exitValue() + ") before the writer opened the image: " + out);
        assertTrue(out.contains("nothing was lost") || out.contains("the image is unchanged"), out);
        assertEquals(0, Tools.run("e2fsck", "-fn", img.toString()).exitCode());
    }

    static boolean leaseShows(String inode) throws IOException {
        return Files.readAllLines(Path.of("/proc/locks")).stream().anyMatch(l -> l.contains("LEASE") && l.contains(":" + inode + " "));
    }

    /**
     * A 1 GiB ext4 guest that wrote 10,000 files of 40 KiB and deleted every other one, so its free space
     * is in thousands of pieces (a compact of some seconds, thousands of punches); every block allocated on
     * the host.
     */
    Path churnedGuest() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        java.util.Random r = new java.util.Random(17);
        byte[] data = new byte[40 << 10];
        StringBuilder rm = new StringBuilder();
        for (int d = 0; d < 40; d++) {
            Path sub = Files.createDirectories(src.resolve("d" + d));
            for (int i = 0; i < 250; i++) {
                r.nextBytes(data);
                Files.write(sub.resolve((i % 2 == 0 ? "keep" : "gone") + i), data);
                if (i % 2 == 1) {
                    rm.append("rm /d").append(d).append("/gone").append(i).append('\n');
                }
            }
        }
        Path img = dir.resolve("guest.img");
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-d", src.toString(), img.toString(), "1G").orThrow();
        Path cmds = dir.resolve("rm.cmds");
        Files.writeString(cmds, rm);
        Tools.run("debugfs", "-w", "-f", cmds.toString(), img.toString()).orThrow();
        try (var s = Files.walk(src)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Path full = dir.resolve("full.img");
        Tools.run("cp", "--sparse=never", img.toString(), full.toString()).orThrow();
        Files.move(full, img, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return img;
    }

    static List<String> everySixtyFourthFreeBlock(Path img) {
        List<Long> free = FreeBlocks.of(img);
        List<String> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < free.size(); i += 64) {
            offsets.add(Long.toString(free.get(i) * 4096));
        }
        return offsets;
    }
}
