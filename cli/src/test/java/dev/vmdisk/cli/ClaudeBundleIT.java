package dev.vmdisk.cli;

import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.testdata.ClaudeBundle;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vmdisk on a bundle laid out like the Claude app's real one ({@link ClaudeBundle}: a GPT rootfs.img grown since
 * its base, an ASIF sessiondata.img with deleted sessions, markers, kernel files, a stalled download, a warm copy):
 * status accounts for every file and its figures are what du and compact then say; compact of the ASIF image gives
 * back nearly what the same trim gives back on its raw twin, every guest file unchanged; reset keeps the markers true
 * and the base untouched.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "compact and reset use the Linux port here; the logic is shared")
class ClaudeBundleIT {
    @TempDir
    Path work;
    ClaudeBundle b;

    @BeforeEach
    void bundle() {
        b = ClaudeBundle.make(work);
    }

    private static long du(Path p) {
        return Long.parseLong(Tools.run("du", "-sB1", p.toString()).orThrow().stdout().split("\\s+")[0]);
    }

    @Test
    void statusAccountsForEveryFileAsDuCountsIt() throws Exception {
        CliRun j = CliRun.of("status", "--json", b.bundle.toString());
        assertEquals(0, j.exitCode(), j.describe());
        assertEquals(List.of(String.valueOf(du(b.bundle))), PyJson.lines(j.out(), "[d['allocatedBytes']]"),
                "the bundle's total is what du -sB1 says");
        Map<String, String> kinds = new HashMap<>();
        for (String line : PyJson.lines(j.out(), "[f['path'].split('/')[-1] + ' ' + f['kind'] + ' ' + f['neededByApp'] for f in d['files']]")) {
            String[] t = line.split(" ");
            kinds.put(t[0], t[1] + " " + t[2]);
        }
        Map<String, String> expected = new HashMap<>(Map.ofEntries(
                Map.entry("rootfs.img", "disk-image yes"), Map.entry("sessiondata.img", "disk-image yes"),
                Map.entry("rootfs.img.zst", "base yes"), Map.entry(".rootfs.img.origin", "release-marker yes"),
                Map.entry(".rootfs.img.zst.origin", "release-marker yes"), Map.entry(".vmlinuz.origin", "release-marker yes"),
                Map.entry("vmlinuz", "kernel yes"), Map.entry("initrd", "initrd yes"),
                Map.entry("vmlinuz.zst", "kernel-base yes"), Map.entry("initrd.zst", "kernel-base yes"),
                Map.entry("efivars.fd", "vm-setting yes"), Map.entry("macAddress", "vm-setting yes"),
                Map.entry(".sdk-version", "app-marker yes"), Map.entry(".cowork-adopted", "app-marker yes"),
                Map.entry("rootfs.img.zst.partial", "stalled-download unknown")));
        try (Stream<Path> all = Files.list(b.bundle)) {
            assertEquals(all.count(), kinds.size(), "every entry of the bundle is listed: " + kinds);
        }
        assertEquals(expected, kinds);
        // Each file's allocation is its own du figure; the warm copy's too, with what removing it frees.
        assertEquals(List.of(String.valueOf(du(b.partial))),
                PyJson.lines(j.out(), "[f['allocatedBytes'] for f in d['files'] if f['kind'] == 'stalled-download']"));
        assertEquals(List.of(b.warmCopy + " warm-copy unknown " + du(b.warmCopy)),
                PyJson.lines(j.out(), "[f['path'] + ' ' + f['kind'] + ' ' + f['neededByApp'] + ' ' + str(f['allocatedBytes']) for f in d['warm']]"));
        assertEquals(List.of("raw 1 ext4 cloudimg-rootfs", "asif None ext4 sessions"), PyJson.lines(j.out(),
                "[i['format'] + ' ' + str(i['fileSystems'][0]['partition']) + ' ' + i['fileSystems'][0]['type'] + ' '"
                        + " + i['fileSystems'][0]['label'] for i in d['images']]"));

        CliRun t = CliRun.of("status", b.bundle.toString());
        assertEquals(0, t.exitCode(), t.describe());
        assertTrue(t.out().contains("  sessiondata.img (ASIF)"), t.out());
        assertTrue(t.out().contains("    partition 1: ext4 \"cloudimg-rootfs\", 48.0 MiB"), t.out());
        assertTrue(t.out().contains("    virtual disk: ext4 \"sessions\", 32.0 MiB"), t.out());
        assertTrue(t.out().matches("(?s).*rootfs\\.img\\.zst\\.partial +stalled download \\(no process holds it\\) +3\\.0 MiB"
                + "  unknown; removing it would free 3\\.0 MiB \\(vmdisk leaves it\\).*"), t.out());
        assertTrue(t.out().contains("  warm copies in " + b.warmCopy.getParent() + " (beside the bundle)"), t.out());
        System.out.println(t.out()); // the README's sample
    }

    @Test
    void aDownloadAProcessHoldsIsInProgress() throws Exception {
        try (HolderProcess h = new HolderProcess(b.partial)) {
            CliRun j = CliRun.of("status", "--json", b.bundle.toString());
            assertEquals(List.of("download-in-progress yes"), PyJson.lines(j.out(),
                    "[f['kind'] + ' ' + f['neededByApp'] for f in d['files'] if f['path'].endswith('.partial')]"));
            assertTrue(j.out().contains("pid " + h.pid()), j.out());
        }
    }

    @Test
    void reclaimableIsWhatCompactThenFrees() throws Exception {
        CliRun s = CliRun.of("status", "--json", b.bundle.toString());
        List<String> predicted = PyJson.lines(s.out(), "[str(i['reclaimableBytes']) + ' ' + i['reclaimableBy'] for i in d['images']]");
        CliRun c = CliRun.of("compact", "--json", b.bundle.toString());
        assertEquals(0, c.exitCode(), c.describe());
        List<String> freed = PyJson.lines(c.out(), "[str(i['allocatedBytesBefore'] - i['allocatedBytesAfter']) for i in d['images']]");
        assertEquals(2, predicted.size());
        for (int i = 0; i < 2; i++) {
            long p = Long.parseLong(predicted.get(i).split(" ")[0]);
            long f = Long.parseLong(freed.get(i));
            assertTrue(predicted.get(i).endsWith(" vmdisk compact"), predicted.get(i));
            assertTrue(p > 4 << 20, "image " + i + ": something to give back: " + p);
            assertTrue(Math.abs(p - f) <= p * 0.02, "image " + i + ": status said " + p + ", compact freed " + f);
        }
        // After compact, status says nothing is left.
        CliRun again = CliRun.of("status", "--json", b.bundle.toString());
        assertEquals(List.of("0"), PyJson.lines(again.out(), "[d['reclaimableBytes']]"));
    }

    @Test
    void compactOfTheAsifImageGivesBackNearlyWhatTheRawTwinDoesAndKeepsEveryGuestFile() throws Exception {
        Tools.require("e2fsck");
        Path twin = work.resolve("twin.img");
        // Holes stay holes (Files.copy would allocate them): the twin holds what the ASIF file holds.
        Tools.run("cp", "--sparse=always", b.sessionsRaw.toString(), twin.toString()).orThrow();
        Map<String, String> before = guestFiles(b.sessionsRaw, "before");
        CliRun raw = CliRun.of("compact", "--json", twin.toString());
        CliRun asif = CliRun.of("compact", "--json", b.sessiondata.toString());
        assertEquals(0, raw.exitCode(), raw.describe());
        assertEquals(0, asif.exitCode(), asif.describe());
        long rawTrim = Long.parseLong(PyJson.lines(raw.out(), "[d['images'][0]['trimmedBytes']]").get(0));
        long asifTrim = Long.parseLong(PyJson.lines(asif.out(), "[d['images'][0]['trimmedBytes']]").get(0));
        assertTrue(rawTrim > 4 << 20, "the raw twin has deleted sessions to trim: " + rawTrim);
        assertTrue(asifTrim >= rawTrim * 0.8, "ASIF gave back " + asifTrim + " of the raw twin's " + rawTrim);

        Path guest = extract(b.sessiondata, work.resolve("extracted.img"));
        Tools.Result fsck = Tools.run("e2fsck", "-fn", guest.toString());
        assertEquals(0, fsck.exitCode(), fsck.stdout() + fsck.stderr());
        assertEquals(before, guestFiles(guest, "after"), "every guest file reads as before");
    }

    @Test
    void resetKeepsTheMarkersTrueAndTheBaseUntouched() throws Exception {
        FileTime baseTime = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(b.rootfsBase, baseTime);
        Map<Path, String> others = new HashMap<>();
        try (Stream<Path> all = Files.list(b.bundle)) {
            for (Path p : all.toList()) {
                if (!p.equals(b.rootfs) && !p.equals(b.sessiondata) && !p.getFileName().toString().equals(".rootfs.img.origin")) {
                    others.put(p, sha256(p));
                }
            }
        }
        CliRun r = CliRun.of("reset", "--json", "--sessions", b.bundle.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(ClaudeBundle.BASE_RELEASE, Files.readString(b.bundle.resolve(".rootfs.img.origin")),
                "the image's marker names the base's release");
        assertEquals(baseTime, Files.getLastModifiedTime(b.rootfsBase), "the base's mtime");
        others.forEach((p, sum) -> assertEquals(sum, sha256(p), p + " changed"));
        Path fresh = work.resolve("fresh.img");
        Tools.run("zstd", "-q", "-d", "-o", fresh.toString(), b.rootfsBase.toString()).orThrow();
        assertEquals(sha256(fresh), sha256(b.rootfs), "rootfs.img is its base's content");
        assertFalse(Files.exists(b.sessiondata));

        // Before removing it, reset said what the guest kept there.
        assertTrue(r.err().contains(b.sessiondata + ": removing it loses " + ClaudeBundle.SESSIONS_KEPT
                + " session directories ("), r.describe());
        List<String> sessions = PyJson.lines(r.out(),
                "[str(o['sessions']['directories']) + ' ' + str(o['sessions']['directoryBytes']) for o in d['images'] if o['action'] == 'removed']");
        assertEquals(1, sessions.size(), r.out());
        String[] t = sessions.get(0).split(" ");
        assertEquals(String.valueOf(ClaudeBundle.SESSIONS_KEPT), t[0]);
        long each = (600 << 10) + 4 * 4096; // a transcript and a small report in its own directory: at least this
        assertTrue(Long.parseLong(t[1]) >= ClaudeBundle.SESSIONS_KEPT * each, sessions.get(0));
        assertTrue(Long.parseLong(t[1]) < ClaudeBundle.SESSIONS_KEPT * (each + (128 << 10)), sessions.get(0));
    }

    /** Every regular file of an ext image, by path, to its SHA-256 (debugfs rdump). */
    private Map<String, String> guestFiles(Path image, String tag) throws IOException {
        Path out = Files.createDirectories(work.resolve("rdump-" + tag));
        Tools.run("debugfs", "-R", "rdump / " + out, image.toString()).orThrow();
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(out.relativize(p).toString(), sha256(p));
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }

    /** The guest of an ASIF file as a raw image, read through vmdisk's virtual-disk reader. */
    private static Path extract(Path asif, Path out) throws IOException {
        try (FileChannel ch = FileChannel.open(asif, StandardOpenOption.READ);
             RandomAccessFile raf = new RandomAccessFile(out.toFile(), "rw")) {
            FileChannel disk = AsifImage.read(ch, asif).disk();
            raf.setLength(disk.size());
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            for (long pos = 0; pos < disk.size(); pos += buf.capacity()) {
                buf.clear();
                while (buf.hasRemaining() && disk.read(buf, pos + buf.position()) > 0) {
                    // fill
                }
                raf.seek(pos);
                raf.write(buf.array(), 0, buf.position());
            }
        }
        return out;
    }
}
