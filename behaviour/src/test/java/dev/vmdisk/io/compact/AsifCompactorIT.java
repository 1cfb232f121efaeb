package dev.vmdisk.io.compact;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.testdata.AsifWriter;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compacting ASIF files (made by the test writer from real mke2fs/debugfs guests) punches only inside data
 * chunks: every guest file reads back the same, e2fsck is clean on the guest extracted through vmdisk's
 * reader, every header, directory, table, bitmap and metadata chunk is byte-identical, and the trim gives
 * back at least 80% of what the same trim gives back on the raw twin.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(300)
class AsifCompactorIT {
    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    static void requireTools() {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Tools.require("e2fsck");
    }

    long allocated(Path p) {
        try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
            return f.allocatedBytes();
        }
    }

    /** A 64 MiB ext4 guest: files written with mke2fs -d, two thirds of them deleted since; zero blocks left as holes. */
    Path guest(long seed) throws IOException {
        Path src = GuestImages.tree(dir, 150, seed);
        Path img = dir.resolve("guest" + seed + ".img");
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-d", src.toString(), img.toString(), "64M").orThrow();
        GuestImages.deleteGone(img, 0, src);
        return img;
    }

    /** The guest of an ASIF file as a raw image, read through vmdisk's virtual-disk reader. */
    Path extract(Path asif) throws IOException {
        Path out = dir.resolve(asif.getFileName() + ".extracted.img");
        try (FileChannel ch = FileChannel.open(asif, StandardOpenOption.READ);
             RandomAccessFile raf = new RandomAccessFile(out.toFile(), "rw")) {
            FileChannel disk = AsifImage.read(ch, asif).disk();
            raf.setLength(disk.size());
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            for (long pos = 0; pos < disk.size(); pos += b.capacity()) {
                b.clear();
                while (b.hasRemaining() && disk.read(b, pos + b.position()) > 0) {
                    // fill
                }
                raf.seek(pos);
                raf.write(b.array(), 0, b.position());
            }
        }
        return out;
    }

    /** The bytes of every structure range the writer laid down. */
    static List<byte[]> structure(AsifWriter.Layout layout) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(layout.file().toFile(), "r")) {
            for (long[] s : layout.structure()) {
                byte[] b = new byte[(int) s[1]];
                f.seek(s[0]);
                f.readFully(b);
                out.add(b);
            }
        }
        return out;
    }

    @Test
    void trimKeepsEveryGuestFileAndEveryStructureByteAndMatchesTheRawTwin() throws IOException {
        requireTools();
        Path raw = guest(11);
        Map<String, byte[]> files = GuestImages.contents(raw, 0, dir);
        assertFalse(files.isEmpty());
        for (boolean activeB : new boolean[] {false, true}) {
            Path asif = dir.resolve("session" + activeB + ".img");
            AsifWriter.Layout layout = new AsifWriter().activeB(activeB).seed(activeB ? 2 : 1).write(raw, asif);
            List<byte[]> before = structure(layout);

            CompactResult dry = new AsifCompactor(fs, true, 12, 2).compact(asif, true, ScanProgress.NONE);
            assertEquals(layout.file(), asif);
            CompactResult r = new AsifCompactor(fs, true, 12, 2).compact(asif, false, ScanProgress.NONE);
            assertTrue(r.trimmedBytes() > 0, "nothing trimmed");
            assertEquals(dry.trimmedBytes(), r.trimmedBytes(), "the dry run predicts the trim");
            assertEquals(dry.zeroBytes(), r.zeroBytes(), "the dry run predicts the zero blocks");
            assertEquals(r.trimmedBytes() + r.zeroBytes(), r.punchedBytes());
            assertEquals(allocated(asif), r.allocatedAfter());
            assertTrue(r.allocatedBefore() - r.allocatedAfter() >= r.punchedBytes() - 64 * 1024);
            assertEquals(1, r.fileSystems().size());
            assertTrue(r.fileSystems().get(0).trimAllowed(), r.fileSystems().get(0).trimReason());

            List<byte[]> after = structure(layout);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "structure at byte " + layout.structure().get(i)[0] + " changed");
            }
            Path guest = extract(asif);
            Tools.Result fsck = GuestImages.fsck(guest, 0);
            assertEquals(0, fsck.exitCode(), fsck.stdout());
            Map<String, byte[]> now = GuestImages.contents(guest, 0, dir);
            assertEquals(files.keySet(), now.keySet());
            files.forEach((k, v) -> assertArrayEquals(v, now.get(k), k + " changed"));

            CompactResult again = new AsifCompactor(fs, true, 12, 1).compact(asif, false, ScanProgress.NONE);
            assertEquals(0, again.punchedBytes(), "a second run finds nothing more");
        }

        // The raw twin: the same guest, its zero blocks holes as the ASIF's unmapped chunks are, trimmed the same way.
        Path twin = dir.resolve("twin.img");
        Tools.run("cp", "--sparse=always", raw.toString(), twin.toString()).orThrow();
        CompactResult rawTrim = new TrimCompactor(fs, 12, 2).compact(twin, false, ScanProgress.NONE);
        Path asif = dir.resolve("ratio.img");
        new AsifWriter().write(raw, asif);
        CompactResult asifTrim = new AsifCompactor(fs, true, 12, 2).compact(asif, false, ScanProgress.NONE);
        long rawFreed = rawTrim.allocatedBefore() - rawTrim.allocatedAfter();
        long asifFreed = asifTrim.allocatedBefore() - asifTrim.allocatedAfter();
        assertTrue(rawFreed > 1 << 20, "raw twin freed only " + rawFreed);
        assertTrue(asifFreed >= 0.8 * rawFreed, "ASIF freed " + asifFreed + ", the raw twin " + rawFreed);
    }

    @Test
    void zerosOnlyKeepsTheGuestByteForByte() throws IOException {
        requireTools();
        Path raw = guest(12);
        Path asif = dir.resolve("zeros.img");
        AsifWriter.Layout layout = new AsifWriter().allFull(true).write(raw, asif);
        List<byte[]> before = structure(layout);
        CompactResult r = new AsifCompactor(fs, false, 12, 2).compact(asif, false, ScanProgress.NONE);
        assertEquals(0, r.trimmedBytes());
        assertTrue(r.punchedBytes() > 0, "no zero block punched");
        List<byte[]> after = structure(layout);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), "structure at byte " + layout.structure().get(i)[0] + " changed");
        }
        assertEquals(sha256(raw), sha256(extract(asif)), "the guest changed");
    }

    @Test
    void aGuestThatIsNotCleanIsRefusedWithNothingChanged() throws IOException {
        requireTools();
        Path raw = guest(13);
        Tools.run("debugfs", "-w", "-R", "ssv state 0", raw.toString()).orThrow();
        Path asif = dir.resolve("dirty.img");
        new AsifWriter().write(raw, asif);
        String sum = sha256(asif);
        long alloc = allocated(asif);
        BadInputException e = assertThrows(BadInputException.class,
                () -> new AsifCompactor(fs, true, 12, 2).compact(asif, false, ScanProgress.NONE));
        assertTrue(e.getMessage().contains("cannot trim the ext4 file system"), e.getMessage());
        assertTrue(e.getMessage().contains("ASIF virtual disk"), e.getMessage());
        assertEquals(sum, sha256(asif));
        assertEquals(alloc, allocated(asif));
    }
}
