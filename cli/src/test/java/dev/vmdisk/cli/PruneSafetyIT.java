package dev.vmdisk.cli;

import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.ext4.PrunePhases;
import dev.vmdisk.io.ext4.PruneRequest;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import dev.vmdisk.io.prune.Pruner;
import dev.vmdisk.io.scan.Extent;
import dev.vmdisk.testdata.AsifWriter;
import dev.vmdisk.testdata.SessionDisk;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * prune's safety: a run stopped at each phase boundary leaves leaks only; a held image (exit 3), an unclean
 * file system and one with quotas (exit 4) are left byte for byte; a shared xattr block loses one reference
 * or goes with its last user; an ASIF image is pruned only inside the data it stores.
 */
@EnabledOnOs(OS.LINUX)
class PruneSafetyIT {
    @TempDir
    Path dir;

    private static final class Stop extends RuntimeException {
    }

    @ParameterizedTest
    @EnumSource(PrunePhases.Phase.class)
    void stoppedAfterEachPhaseLeavesLeaksOnlyAndKeptFilesIntact(PrunePhases.Phase stopAt) throws IOException {
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", PruneCommandIT.now());
        Path img = disk.image;
        Path before = PruneTrees.dump(img, "/", disk.recent, dir.resolve("before"));
        PrunePhases hook = new PrunePhases() {
            @Override
            public void after(Phase phase) {
                if (phase == stopAt) {
                    throw new Stop(); // as a kill at this point: the phase is synced, the next not begun
                }
            }
        };
        PruneRequest request = new PruneRequest(null, PruneCommandIT.now(), 30 * 86400L, Set.of());
        Pruner pruner = new Pruner(NativeFsLoader.load());
        assertThrows(Stop.class, () -> pruner.prune(img, request, false, hook));
        Tools.Result fsck = PruneTrees.fsck(img);
        assertTrue(PruneTrees.leaksOnly(fsck), fsck.stdout());
        if (stopAt == PrunePhases.Phase.BLOCKS) {
            assertEquals(0, fsck.exitCode(), fsck.stdout());
        } else {
            assertEquals(4, fsck.exitCode(), "e2fsck finds the leaks: " + fsck.stdout());
        }
        PruneTrees.assertSameTrees(before, PruneTrees.dump(img, "/", disk.recent, dir.resolve("after")));
        if (stopAt != PrunePhases.Phase.BLOCKS) { // marked not clean while prune writes: refused until e2fsck has run
            CliRun again = CliRun.of("prune", img.toString());
            assertEquals(4, again.exitCode(), again.describe());
            assertTrue(again.err().contains("not cleanly unmounted"), again.err());
        }
        // e2fsck reclaims the leaks; a second prune then finds nothing stale left to name
        Tools.Result repair = Tools.run("e2fsck", "-fy", img.toString());
        assertTrue(repair.exitCode() <= 1, repair.stdout());
        assertEquals(0, PruneTrees.fsck(img).exitCode());
        PruneTrees.assertSameTrees(before, PruneTrees.dump(img, "/", disk.recent, dir.resolve("repaired")));
    }

    /**
     * A process that does not cooperate opens the image after the first phase: the lease makes its open wait,
     * prune sees the break before the next phase, writes nothing more and says what is left (leaks only).
     */
    @Test
    void aProcessOpeningTheImageBetweenPhasesStopsPruneBeforeTheNextPhase() throws Exception {
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", PruneCommandIT.now());
        Path img = disk.image;
        Matcher number = Pattern.compile("Inode: (\\d+)").matcher(Tools.run("debugfs", "-R", "stat /s01", img.toString()).orThrow().stdout());
        assertTrue(number.find());
        Process[] opener = new Process[1];
        PrunePhases hook = new PrunePhases() {
            @Override
            public void after(Phase phase) {
                if (phase == Phase.ENTRIES) {
                    try {
                        opener[0] = new ProcessBuilder("sh", "-c", "exec 3<\"$0\"; exec sleep 60", img.toString()).start();
                        Thread.sleep(500); // its open now waits on vmdisk's lease, which the kernel breaks
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        PruneRequest request = new PruneRequest(null, PruneCommandIT.now(), 30 * 86400L, Set.of());
        try {
            var e = assertThrows(dev.vmdisk.io.exclusive.ExclusivityLostException.class,
                    () -> new Pruner(NativeFsLoader.load()).prune(img, request, false, hook));
            assertTrue(e.getMessage().contains("run e2fsck -f"), e.getMessage());
        } finally {
            if (opener[0] != null) {
                opener[0].destroyForcibly().waitFor();
            }
        }
        Tools.Result fsck = PruneTrees.fsck(img);
        assertTrue(PruneTrees.leaksOnly(fsck), fsck.stdout());
        String inode = Tools.run("debugfs", "-R", "stat <" + number.group(1) + ">", img.toString()).orThrow().stdout();
        assertTrue(!inode.contains("Links: 0") && !inode.contains("dtime"), "phase two never ran, s01 keeps its links: " + inode);
    }

    @Test
    void aHeldImageExits3AndStaysByteIdentical() throws IOException {
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", PruneCommandIT.now());
        String sha = sha256(disk.image);
        try (HolderProcess holder = new HolderProcess(disk.image)) {
            CliRun r = CliRun.of("prune", disk.image.toString());
            assertEquals(3, r.exitCode(), r.describe());
            assertTrue(r.err().contains(String.valueOf(holder.pid())), r.err());
            CliRun dry = CliRun.of("prune", "--dry-run", disk.image.toString());
            assertEquals(3, dry.exitCode(), "a dry run refuses a held image too: " + dry.describe());
        }
        assertEquals(sha, sha256(disk.image));
    }

    @Test
    void anUncleanFileSystemExits4AndStaysByteIdentical() throws IOException {
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", PruneCommandIT.now());
        Tools.run("debugfs", "-w", "-R", "ssv state 0", disk.image.toString()).orThrow();
        String sha = sha256(disk.image);
        CliRun r = CliRun.of("prune", disk.image.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.err().contains("not cleanly unmounted") && r.err().contains("e2fsck"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(sha, sha256(disk.image));
    }

    @Test
    void quotaIsAFeaturePruneRefuses() throws IOException {
        Tools.require("mke2fs");
        Path img = dir.resolve("quota.img");
        try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(32L << 20);
        }
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-O", "quota", img.toString()).orThrow();
        Tools.run("debugfs", "-w", "-R", "mkdir old", img.toString()).orThrow();
        Tools.run("debugfs", "-w", "-R", "sif old mtime @1000000000", img.toString()).orThrow();
        String sha = sha256(img);
        CliRun r = CliRun.of("prune", img.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.err().contains("quota") && r.err().contains("does not write under"), r.err());
        assertEquals(sha, sha256(img));
    }

    /** A stale file's block that the bitmap calls free: the plan's cross-check refuses before anything is written. */
    @Test
    void aBlockTheBitmapCallsFreeRefusesWithExit4() throws IOException {
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", PruneCommandIT.now());
        Path img = disk.image;
        String blocks = Tools.run("debugfs", "-R", "blocks /s01/proj/src/deep/c.bin", img.toString()).orThrow().stdout().trim();
        assertTrue(blocks.matches("\\d+(\\s+\\d+)*"), "debugfs blocks: " + blocks);
        Tools.run("debugfs", "-w", "-R", "freeb " + blocks.split("\\s+")[0], img.toString()).orThrow();
        String sha = sha256(img);
        CliRun r = CliRun.of("prune", img.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.err().contains("free") && r.err().contains("e2fsck"), r.err());
        assertEquals(sha, sha256(img));
    }

    /** Without metadata_csum, so debugfs can share an xattr block by hand (the kernel shares equal ones). */
    @Test
    void aSharedXattrBlockLosesOneReferenceOrGoesWithItsLastUser() throws IOException {
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", PruneCommandIT.now(), "-O", "^metadata_csum,uninit_bg");
        Path img = disk.image;
        long shared = xattrBlock(img, "/s01/proj/src/b.bin"); // s01 is stale
        long last = xattrBlock(img, "/s04/proj/src/b.bin");   // s04 is stale
        StringBuilder cmds = new StringBuilder();
        share(cmds, img, shared, "/s00/proj/a.txt");          // s00 is recent: the block stays, one reference fewer
        share(cmds, img, last, "/s05/proj/a.txt");            // s05 is stale too: the block goes with both
        cmds.append("zap_block -o 4 -l 1 -p 2 ").append(shared).append('\n');
        cmds.append("zap_block -o 4 -l 1 -p 2 ").append(last).append('\n');
        Tools.run("debugfs", "-w", "-f", Files.writeString(dir.resolve("share"), cmds).toString(), img.toString()).orThrow();
        assertEquals(0, PruneTrees.fsck(img).exitCode(), PruneTrees.fsck(img).stdout());
        Path before = PruneTrees.dump(img, "/", disk.recent, dir.resolve("before"));
        CliRun r = CliRun.of("prune", "--keep", "keep-me", img.toString());
        assertEquals(0, r.exitCode(), r.describe());
        Tools.Result fsck = PruneTrees.fsck(img);
        assertEquals(0, fsck.exitCode(), fsck.stdout());
        assertEquals(shared, xattrBlock(img, "/s00/proj/a.txt"));
        String ea = Tools.run("debugfs", "-R", "ea_list /s00/proj/a.txt", img.toString()).orThrow().stdout();
        assertTrue(ea.contains("user.big"), ea);
        String bd = Tools.run("debugfs", "-R", "testb " + last, img.toString()).orThrow().stdout();
        assertTrue(bd.contains("not in use"), bd);
        PruneTrees.assertSameTrees(before, PruneTrees.dump(img, "/", disk.recent, dir.resolve("after")));
    }

    private static long xattrBlock(Path img, String path) {
        String stat = Tools.run("debugfs", "-R", "stat " + path, img.toString()).orThrow().stdout();
        Matcher m = Pattern.compile("File ACL: (\\d+)").matcher(stat);
        assertTrue(m.find(), stat);
        return Long.parseLong(m.group(1));
    }

    private static void share(StringBuilder cmds, Path img, long block, String path) {
        String stat = Tools.run("debugfs", "-R", "stat " + path, img.toString()).orThrow().stdout();
        Matcher m = Pattern.compile("Blockcount: (\\d+)").matcher(stat);
        assertTrue(m.find(), stat);
        cmds.append("sif ").append(path).append(" file_acl ").append(block).append('\n');
        cmds.append("sif ").append(path).append(" blocks ").append(Long.parseLong(m.group(1)) + 8).append('\n');
    }

    /** An ASIF session disk (macOS 26): pruned in place, its structures byte for byte as they were, its data chunks punched. */
    @Test
    void anAsifSessionDiskIsPrunedInsideTheDataItStores() throws IOException {
        SessionDisk disk = SessionDisk.make(dir, "raw.img", PruneCommandIT.now());
        List<String> kept = new ArrayList<>(disk.recent);
        Path before = PruneTrees.dump(disk.image, "/", kept, dir.resolve("before"));
        Path img = dir.resolve("sessiondata.img");
        new AsifWriter().write(disk.image, img);
        List<byte[]> structures = structures(img);
        long allocatedBefore = Tools.allocatedBytes(img);
        CliRun r = CliRun.of("prune", "--json", "--keep", "keep-me", img.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"format\": \"asif\""), r.out());
        List<byte[]> after = structures(img);
        assertEquals(structures.size(), after.size());
        for (int i = 0; i < after.size(); i++) {
            assertArrayEquals(structures.get(i), after.get(i), "ASIF structure " + i);
        }
        Path raw = rawOf(img, dir.resolve("pruned.raw"));
        Tools.Result fsck = PruneTrees.fsck(raw);
        assertEquals(0, fsck.exitCode(), fsck.stdout());
        Set<String> expected = new HashSet<>(kept);
        expected.add("keep-me");
        expected.add("lost+found");
        assertEquals(expected, new HashSet<>(PruneTrees.names(raw, "/")));
        PruneTrees.assertSameTrees(before, PruneTrees.dump(raw, "/", kept, dir.resolve("after")));
        long freed = CompactCommandTest.jsonLong(r.out(), "freedBytes");
        long fell = allocatedBefore - Tools.allocatedBytes(img);
        assertTrue(fell >= freed * 9 / 10, "allocation fell by " + fell + " of " + freed + " freed");
    }

    /** The bytes of every ASIF structure (header, directories, tables, bitmaps, metadata) in host order. */
    private static List<byte[]> structures(Path img) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            for (Extent e : AsifImage.read(ch, img).structureExtents()) {
                ByteBuffer b = ByteBuffer.allocate((int) e.length());
                while (b.hasRemaining() && ch.read(b, e.offset() + b.position()) >= 0) {
                    // read it all
                }
                out.add(b.array());
            }
        }
        return out;
    }

    /** The guest's disk of an ASIF file as a raw file, for e2fsprogs. */
    private static Path rawOf(Path img, Path raw) throws IOException {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileChannel disk = AsifImage.read(ch, img).disk();
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            long pos = 0;
            while (true) {
                b.clear();
                int n = disk.read(b, pos);
                if (n <= 0) {
                    break;
                }
                b.flip();
                out.write(b, pos);
                pos += n;
            }
        }
        return raw;
    }
}
