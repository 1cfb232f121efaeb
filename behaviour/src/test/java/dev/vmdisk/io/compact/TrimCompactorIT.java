package dev.vmdisk.io.compact;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.port.DenseCopy;
import dev.vmdisk.io.port.HostPort;
import org.junit.jupiter.api.condition.OS;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trimming real ext images made by mke2fs and debugfs: every file reads back the same, e2fsck finds
 * nothing, no more stays allocated than zerofree + fallocate --dig-holes leave, and an image that is
 * not clean, or whose bitmap is wrong, is refused with nothing changed.
 */
@Timeout(300)
class TrimCompactorIT {
    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    long allocated(Path p) {
        try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
            return f.allocatedBytes();
        }
    }

    static void requireTools() {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Tools.require("e2fsck");
    }

    /** A guest image: files written with mke2fs -d, then most deleted; every block allocated on the host. */
    Path guestImage(String name, String type, int blockSize, long seed, String... mke2fsOptions) throws IOException {
        Path src = GuestImages.tree(dir, 60, seed);
        Path img = dir.resolve(name);
        List<String> mke2fs = new java.util.ArrayList<>(List.of("mke2fs", "-q", "-F", "-t", type, "-b",
                String.valueOf(blockSize), "-d", src.toString()));
        mke2fs.addAll(List.of(mke2fsOptions));
        mke2fs.addAll(List.of(img.toString(), "16M"));
        Tools.run(mke2fs).orThrow();
        GuestImages.deleteGone(img, 0, src);
        return full(img);
    }

    /** Rewrites {@code img} with every block allocated, as an image that was never compacted is. */
    Path full(Path img) {
        return DenseCopy.densify(img);
    }

    /**
     * The same bytes compacted by the classic pair, for comparison; -1 where the pair does not exist
     * (zerofree and fallocate(1) are Linux tools), and the comparison is then skipped and says so.
     */
    long zerofreeAndDigHoles(Path img, long offset) {
        if (!OS.LINUX.isCurrentOs()) {
            System.err.println("TrimCompactorIT: zerofree + fallocate --dig-holes are Linux only; not compared on " + OS.current());
            return -1;
        }
        Tools.require("zerofree");
        Tools.require("fallocate");
        Path copy = DenseCopy.copy(img, dir.resolve(img.getFileName() + ".zerofree"));
        if (offset == 0) {
            Tools.run("zerofree", copy.toString()).orThrow();
        }
        Tools.run("fallocate", "--dig-holes", copy.toString()).orThrow();
        Tools.run("sync", copy.toString()).orThrow();
        return allocated(copy);
    }

    void compactAndCheck(Path img, long offset) throws IOException {
        Map<String, byte[]> before = GuestImages.contents(img, offset, dir);
        assertFalse(before.isEmpty());
        long pair = zerofreeAndDigHoles(img, offset);
        CompactResult dry = new TrimCompactor(fs, 12, 2).compact(img, true, ScanProgress.NONE);
        CompactResult r = new TrimCompactor(fs, 12, 2).compact(img, false, ScanProgress.NONE);
        assertEquals(0, GuestImages.fsck(img, offset).exitCode(), GuestImages.fsck(img, offset).stdout());
        Map<String, byte[]> after = GuestImages.contents(img, offset, dir);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed"));
        assertEquals(allocated(img), r.allocatedAfter());
        if (offset == 0 && pair >= 0) { // zerofree takes no offset: compare with the pair on whole-image file systems
            assertTrue(r.allocatedAfter() <= pair, "vmdisk left " + r.allocatedAfter() + ", zerofree + dig-holes " + pair);
        }
        assertEquals(1, r.fileSystems().size());
        GuestFsReport f = r.fileSystems().get(0);
        assertTrue(f.trimAllowed(), f.trimReason());
        assertEquals(offset, f.fs().offset());
        assertTrue(r.trimmedBytes() > 0);
        assertEquals(dry.trimmedBytes(), r.trimmedBytes(), "the dry run predicts the trim");
        assertEquals(dry.zeroBytes(), r.zeroBytes(), "the dry run predicts the zero blocks");
        assertEquals(r.trimmedBytes() + r.zeroBytes(), r.punchedBytes());
        assertTrue(r.allocatedBefore() - r.allocatedAfter() >= r.punchedBytes() - 64 * 1024,
                "punched " + r.punchedBytes() + " but freed " + (r.allocatedBefore() - r.allocatedAfter()));
        // A second run finds nothing more.
        CompactResult again = new TrimCompactor(fs, 12, 1).compact(img, false, ScanProgress.NONE);
        assertEquals(0, again.punchedBytes());
    }

    @Test
    void ext4With4KiBBlocksKeepsEveryFileAndBeatsZerofree() throws IOException {
        requireTools();
        compactAndCheck(guestImage("ext4.img", "ext4", 4096, 1), 0);
    }

    @Test
    void ext2With1KiBBlocksTrimsAroundSharedHostBlocks() throws IOException {
        requireTools();
        compactAndCheck(guestImage("ext2.img", "ext2", 1024, 2), 0);
    }

    @Test
    void committedFixtures() throws IOException {
        requireTools();
        for (String name : List.of("ext2-1k.img", "ext3-1k.img", "ext4-4k.img", "ext4-htree.img", "ext4-inline.img")) {
            compactAndCheck(full(Fixtures.copy(name, dir)), 0);
        }
    }

    @Test
    void gptPartitionIsTrimmedAtItsOffset() throws IOException {
        requireTools();
        Tools.require("sgdisk");
        Path img = Fixtures.copy("gpt-efi-ext4.img", dir);
        long offset = 6144L * 512;
        Path src = GuestImages.tree(dir, 12, 3);
        // Fill the partition with files (a new file system at the partition's offset), then delete some.
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-E", "offset=" + offset, "-d", src.toString(),
                img.toString(), "4096").orThrow();
        GuestImages.deleteGone(img, offset, src);
        full(img);
        byte[] efi = Files.readAllBytes(img);
        compactAndCheck(img, offset);
        // Nothing outside the ext partition changed: the table, the EFI partition, the backup GPT.
        byte[] now = Files.readAllBytes(img);
        assertArrayEquals(java.util.Arrays.copyOfRange(efi, 0, (int) offset), java.util.Arrays.copyOfRange(now, 0, (int) offset));
        int end = (int) (offset + 8192L * 512);
        assertArrayEquals(java.util.Arrays.copyOfRange(efi, end, efi.length), java.util.Arrays.copyOfRange(now, end, now.length));
        assertEquals(0, Tools.run("sgdisk", "-v", img.toString()).exitCode());
    }

    @Test
    void uncleanFileSystemIsRefusedAndNothingChanges() throws IOException {
        requireTools();
        for (String change : List.of("ssv state 0", "ssv last_orphan 12", "feature needs_recovery", "ssv state 3")) {
            Path img = guestImage("unclean.img", "ext4", 4096, 4);
            Tools.run("debugfs", "-w", "-R", change, img.toString()).orThrow();
            String sha = sha256(img);
            long before = allocated(img);
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new TrimCompactor(fs).compact(img, false, ScanProgress.NONE), change);
            assertTrue(e.getMessage().contains("--zeros-only") && e.getMessage().contains("nothing was changed"), e.getMessage());
            assertTrue(e.getMessage().contains("e2fsck") || e.getMessage().contains("shut it down"), e.getMessage());
            assertEquals(sha, sha256(img), change);
            assertEquals(before, allocated(img), change);
            // Zero-punching still works on it.
            assertTrue(new ZeroCompactor(fs).compact(img, false, ScanProgress.NONE).punchedBytes() >= 0);
            Files.delete(img);
        }
    }

    @Test
    void aBitmapBitClearedUnderALiveFileNeverPunchesIt() throws IOException {
        requireTools();
        Path img = guestImage("mutated.img", "ext4", 4096, 5);
        String file = "/d0/keep0";
        String blocks = Tools.run("debugfs", "-R", "blocks " + file, img.toString()).orThrow().stdout().trim();
        long block = Long.parseLong(blocks.split("\\s+")[0]);
        Map<String, byte[]> before = GuestImages.contents(img, 0, dir);
        // debugfs freeb clears the bit and fixes the group's counts and checksums: only the inode disagrees.
        Tools.run("debugfs", "-w", "-R", "freeb " + block, img.toString()).orThrow();
        String sha = sha256(img);
        BadInputException e = assertThrows(BadInputException.class,
                () -> new TrimCompactor(fs).compact(img, false, ScanProgress.NONE));
        assertTrue(e.getMessage().contains("block " + block), e.getMessage());
        assertEquals(sha, sha256(img));
        Map<String, byte[]> after = GuestImages.contents(img, 0, dir);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed"));
    }

    /** Issue 17 item 4: a file whose blocks and inode the bitmaps call free, still named by its directory. */
    @Test
    void aFileFreedInBothBitmapsButStillNamedIsNeverTrimmed() throws IOException {
        requireTools();
        for (String type : List.of("ext2", "ext3", "ext4")) {
            Path img = guestImage("freed-" + type + ".img", type, type.equals("ext4") ? 4096 : 1024, 12);
            String file = "/d0/keep0";
            String blocks = Tools.run("debugfs", "-R", "blocks " + file, img.toString()).orThrow().stdout().trim();
            StringBuilder requests = new StringBuilder();
            for (String b : blocks.split("\\s+")) {
                requests.append("freeb ").append(b).append('\n');
            }
            requests.append("freei ").append(file).append('\n');
            Path cmds = Files.writeString(dir.resolve("freed.debugfs"), requests);
            Tools.run("debugfs", "-w", "-f", cmds.toString(), img.toString()).orThrow();
            assertEquals(4, GuestImages.fsck(img, 0).exitCode(), type + ": e2fsck should see the damage");
            String sha = sha256(img);
            long before = allocated(img);
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new TrimCompactor(fs).compact(img, false, ScanProgress.NONE), type);
            assertTrue(e.getMessage().contains(file + " (inode ") && e.getMessage().contains("--zeros-only")
                    && e.getMessage().contains("nothing was changed"), e.getMessage());
            assertEquals(sha, sha256(img), type);
            assertEquals(before, allocated(img), type);
            // Zero-punching still works, and changes no byte.
            assertTrue(new ZeroCompactor(fs).compact(img, false, ScanProgress.NONE).punchedBytes() > 0, type);
            assertEquals(sha, sha256(img), type);
        }
    }

    /** The compat features mke2fs can set beyond Debian 12's defaults are understood: trimmed, and e2fsck stays clean. */
    @Test
    void newerCompatFeaturesAreTrimmedAndStayClean() throws IOException {
        requireTools();
        compactAndCheck(guestImage("compat.img", "ext4", 4096, 13, "-O", "sparse_super2,fast_commit,stable_inodes,orphan_file"), 0);
    }

    @Test
    void oneCleanAndOneUncleanPartitionRefusesTheWholeImage() throws IOException {
        requireTools();
        Tools.require("sfdisk");
        Path img = dir.resolve("two.img");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(12L << 20); // not truncate(1): GNU's -s is not on macOS
        }
        Tools.run("sh", "-c", "printf 'label: gpt\\nstart=2048, size=8192\\nstart=10240, size=8192\\n' | sfdisk -q "
                + img).orThrow();
        Path src = GuestImages.tree(dir, 8, 6);
        for (long start : new long[] {2048, 10240}) {
            Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-E", "offset=" + start * 512, "-d", src.toString(),
                    img.toString(), "4096").orThrow();
            GuestImages.deleteGone(img, start * 512, src);
        }
        Tools.run("debugfs", "-w", "-R", "ssv state 0", GuestImages.spec(img, 10240L * 512)).orThrow();
        full(img);
        String sha = sha256(img);
        BadInputException e = assertThrows(BadInputException.class,
                () -> new TrimCompactor(fs).compact(img, false, ScanProgress.NONE));
        assertTrue(e.getMessage().contains("partition 2"), e.getMessage());
        assertEquals(sha, sha256(img));
        // Once e2fsck has marked it clean, both are trimmed.
        Tools.run("e2fsck", "-fy", GuestImages.spec(img, 10240L * 512));
        CompactResult r = new TrimCompactor(fs).compact(img, false, ScanProgress.NONE);
        assertEquals(2, r.fileSystems().size());
        assertTrue(r.fileSystems().stream().allMatch(f -> f.hostAllocatedFreeBytes() > 0), r.fileSystems().toString());
        assertEquals(0, GuestImages.fsck(img, 2048L * 512).exitCode());
        assertEquals(0, GuestImages.fsck(img, 10240L * 512).exitCode());
    }

    @Test
    void imageWithoutExtFileSystemIsZeroPunchedOnly() throws IOException {
        Path img = dir.resolve("raw.img");
        byte[] bytes = new byte[1 << 20];
        new java.util.Random(9).nextBytes(bytes);
        java.util.Arrays.fill(bytes, 4096, 3 * 4096, (byte) 0);
        Files.write(img, bytes);
        CompactResult r = new TrimCompactor(fs).compact(img, false, ScanProgress.NONE);
        assertEquals(List.of(), r.fileSystems());
        assertEquals(0, r.trimmedBytes());
        assertEquals(2 * 4096, r.punchedBytes());
        assertArrayEquals(bytes, Files.readAllBytes(img));
    }

    @Test
    void withAThresholdItScansOnceAndBelowItChangesNothing() throws IOException {
        requireTools();
        Path img = guestImage("gate.img", "ext4", 4096, 11);
        CompactResult dry = new TrimCompactor(fs, 12, 2).compact(img, true, ScanProgress.NONE);
        long reclaimable = dry.trimmedBytes() + dry.zeroBytes();
        String sha = sha256(img);
        long allocated = allocated(img);

        CountingProgress once = new CountingProgress();
        CompactResult below = new TrimCompactor(fs, 12, 2).compactIfReclaimable(img, reclaimable + 1, once);
        assertEquals(1, once.scans, "one scan decides");
        assertTrue(below.dryRun(), "below the threshold the result is a dry run's");
        assertEquals(0, below.punchedBytes());
        assertEquals(reclaimable, below.trimmedBytes() + below.zeroBytes(), "the figure a dry run gives");
        assertEquals(sha, sha256(img));
        assertEquals(allocated, allocated(img));

        Map<String, byte[]> before = GuestImages.contents(img, 0, dir);
        CountingProgress again = new CountingProgress();
        CompactResult r = new TrimCompactor(fs, 12, 2).compactIfReclaimable(img, reclaimable, again);
        assertEquals(1, again.scans, "one scan, then the punches");
        assertFalse(r.dryRun());
        assertEquals(reclaimable, r.punchedBytes());
        assertEquals(0, GuestImages.fsck(img, 0).exitCode(), GuestImages.fsck(img, 0).stdout());
        Map<String, byte[]> after = GuestImages.contents(img, 0, dir);
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed"));
        assertTrue(allocated(img) < allocated);
    }
}
