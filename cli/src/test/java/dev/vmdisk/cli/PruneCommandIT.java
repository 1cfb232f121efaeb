package dev.vmdisk.cli;

import dev.vmdisk.testdata.SessionDisk;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vmdisk prune through {@link Main#run} on session disks made by mke2fs and debugfs ({@link SessionDisk}),
 * with e2fsprogs as the judge: debugfs lists and dumps what is left, e2fsck -fn checks the file system.
 */
@EnabledOnOs(OS.LINUX)
class PruneCommandIT {
    @TempDir
    Path dir;

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** The default mke2fs features (metadata_csum, 64bit, flex_bg, extents, dir_index...). */
    @Test
    void removesExactlyTheStaleSessionsAndKeepsEveryOtherByte() throws IOException {
        prunesAndChecks(SessionDisk.make(dir, "sessiondata.img", now()));
    }

    /** Without metadata_csum: group descriptors carry crc16 (uninit_bg), no other checksums. */
    @Test
    void withoutMetadataCsum() throws IOException {
        prunesAndChecks(SessionDisk.make(dir, "sessiondata.img", now(), "-O", "^metadata_csum,uninit_bg"));
    }

    /** Block-mapped files (no extents): indirect blocks are freed with the data. */
    @Test
    void withIndirectBlocks() throws IOException {
        prunesAndChecks(SessionDisk.make(dir, "sessiondata.img", now(), "-O", "^extent,^64bit,^flex_bg"));
    }

    /** 1 KiB blocks (block 0 is the boot block, s_first_data_block 1) and no journal. */
    @Test
    void withOneKibBlocksAndNoJournal() throws IOException {
        prunesAndChecks(SessionDisk.make(dir, "sessiondata.img", now(), "-b", "1024", "-O", "^has_journal"));
    }

    /** Small files and directories kept in their inodes. */
    @Test
    void withInlineData() throws IOException {
        prunesAndChecks(SessionDisk.make(dir, "sessiondata.img", now(), "-O", "inline_data"));
    }

    private void prunesAndChecks(SessionDisk disk) throws IOException {
        Path img = disk.image;
        List<String> kept = new ArrayList<>(disk.recent);
        kept.add("keep-me");
        Path before = PruneTrees.dump(img, "/", kept, dir.resolve("before"));
        long freeBefore = PruneTrees.freeBlocks(img);

        String sha = sha256(img);
        CliRun dry = CliRun.of("prune", "--dry-run", "--keep", "keep-me", img.toString());
        assertEquals(0, dry.exitCode(), dry.describe());
        assertEquals(sha, sha256(img), "a dry run changes nothing");
        assertTrue(dry.out().contains("would remove " + (disk.stale.size() - 1) + " of "), dry.out());

        long allocatedBefore = Tools.allocatedBytes(img);
        CliRun r = CliRun.of("prune", "--json", "--keep", "keep-me", img.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(0, PruneTrees.fsck(img).exitCode(), PruneTrees.fsck(img).stdout());

        Set<String> left = new HashSet<>(PruneTrees.names(img, "/"));
        Set<String> expected = new HashSet<>(kept);
        expected.add("lost+found");
        assertEquals(expected, left, r.out());
        PruneTrees.assertSameTrees(before, PruneTrees.dump(img, "/", kept, dir.resolve("after")));

        long freed = CompactCommandTest.jsonLong(r.out(), "freedBytes");
        assertTrue(freed > 5L << 20, r.out());
        assertEquals(freed / PruneTrees.blockSize(img), PruneTrees.freeBlocks(img) - freeBefore, "the guest's free space grows by what was freed");
        assertEquals(CompactCommandTest.jsonLong(r.out(), "guestFreeAfterBytes") - CompactCommandTest.jsonLong(r.out(), "guestFreeBeforeBytes"), freed);
        long allocatedAfter = Tools.allocatedBytes(img);
        assertTrue(allocatedBefore - allocatedAfter >= freed * 9 / 10 && allocatedBefore - allocatedAfter <= freed + (1 << 20),
                "allocation fell by " + (allocatedBefore - allocatedAfter) + " of " + freed + " freed");
        assertTrue(r.out().contains("\"schemaVersion\": 1") && r.out().contains("\"path\": "), r.out());

        CliRun again = CliRun.of("prune", "--keep", "keep-me", img.toString());
        assertEquals(0, again.exitCode(), again.describe());
        assertTrue(again.out().contains("removed 0 of "), again.out());
    }

    /** A bundle directory means its sessiondata.img; a missing --under is one line and exit 4. */
    @Test
    void aBundleMeansItsSessionImageAndAMissingDirectoryExits4() throws IOException {
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", now());
        String sha = sha256(disk.image);
        CliRun missing = CliRun.of("prune", "--under", "/nope", dir.toString());
        assertEquals(4, missing.exitCode(), missing.describe());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertEquals(sha, sha256(disk.image));
        CliRun r = CliRun.of("prune", "--dry-run", "--json", "--older-than", "8w", dir.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"path\": \"" + disk.image + "\""), r.out());
        assertEquals(4838400, CompactCommandTest.jsonLong(r.out(), "olderThanSeconds"));
        assertEquals(sha, sha256(disk.image));
    }

    /** An htree directory of 2,000 entries: the stale half leaves its leaf blocks, the rest reads as before. */
    @Test
    void prunesInsideAnIndexedDirectory() throws IOException {
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", now());
        Path img = disk.image;
        assertTrue(Tools.run("debugfs", "-R", "htree /archive", img.toString()).orThrow().stdout().contains("Root node dump"),
                "the fixture's /archive is indexed");
        List<String> all = PruneTrees.names(img, "/archive");
        List<String> keep = new ArrayList<>(all);
        keep.removeAll(disk.staleArchive);
        Path before = PruneTrees.dump(img, "/archive", keep, dir.resolve("before"));
        CliRun r = CliRun.of("prune", "--under", "/archive", img.toString());
        assertEquals(0, r.exitCode(), r.describe());
        Tools.Result fsck = PruneTrees.fsck(img);
        assertEquals(0, fsck.exitCode(), fsck.stdout());
        assertEquals(new HashSet<>(keep), new HashSet<>(PruneTrees.names(img, "/archive")));
        PruneTrees.assertSameTrees(before, PruneTrees.dump(img, "/archive", keep, dir.resolve("after")));
    }
}
