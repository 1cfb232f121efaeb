package dev.vmdisk.cli;

import dev.vmdisk.testdata.SessionDisk;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guest's own kernel as a second judge: prune on one copy of a session disk, and on another the same
 * entries removed through a loop mount with {@code rm -rf}; both must leave the same free blocks and free
 * inodes, and the same names. Needs root and a loop device; skipped (with the reason) without them.
 */
@EnabledOnOs(OS.LINUX)
class PruneKernelIT {
    @TempDir
    Path dir;

    @Test
    void pruneFreesWhatRmRfFreesOnTheKernel() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "loop-mounting needs root");
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", PruneCommandIT.now());
        Path byHand = dir.resolve("by-hand.img");
        Tools.run("cp", "--sparse=always", disk.image.toString(), byHand.toString()).orThrow();
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Tools.Result m = Tools.run("mount", "-o", "loop", byHand.toString(), mnt.toString());
        Assumptions.assumeTrue(m.exitCode() == 0, () -> "cannot loop-mount an ext4 image here: " + m.stderr().strip());
        try {
            List<String> rm = new ArrayList<>(List.of("rm", "-rf", "--"));
            disk.stale.stream().filter(n -> !n.equals("keep-me")).forEach(n -> rm.add(mnt.resolve(n).toString()));
            Tools.run(rm).orThrow();
        } finally {
            Tools.run("umount", mnt.toString()).orThrow();
        }
        CliRun r = CliRun.of("prune", "--keep", "keep-me", disk.image.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(0, PruneTrees.fsck(disk.image).exitCode());
        assertEquals(0, PruneTrees.fsck(byHand).exitCode());
        assertEquals(counts(byHand), counts(disk.image), "free blocks and inodes after rm -rf and after prune");
        assertEquals(PruneTrees.names(byHand, "/"), PruneTrees.names(disk.image, "/"));
    }

    /**
     * A file system the guest's kernel wrote (loop mount): its own htree directories, extent trees, and xattr
     * blocks shared between files with equal attributes (mbcache). Sessions written, then a pause, then
     * recent ones; prune with a few seconds' age removes exactly the first.
     */
    @Test
    void prunesAFileSystemTheKernelWrote() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "loop-mounting needs root");
        Path img = dir.resolve("sessiondata.img");
        try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(128L << 20);
        }
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", img.toString()).orThrow(); // 4 KiB: room for the 2,000-byte xattr
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Tools.Result m = Tools.run("mount", "-o", "loop", img.toString(), mnt.toString());
        Assumptions.assumeTrue(m.exitCode() == 0, () -> "cannot loop-mount an ext4 image here: " + m.stderr().strip());
        List<String> recent = new ArrayList<>();
        try {
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 8; i++) {
                session(mnt.resolve("old-" + i), random, i == 0 ? 2500 : 20);
            }
            Files.createDirectories(mnt.resolve("new-0"));
            Files.createLink(mnt.resolve("new-0/from-old-1"), mnt.resolve("old-1/f2"));
            Files.createLink(mnt.resolve("old-3/from-old-2"), mnt.resolve("old-2/f4"));
            Tools.run("sync").orThrow();
            Thread.sleep(6000);
            for (int i = 0; i < 4; i++) {
                session(mnt.resolve("new-" + i), random, i == 1 ? 1500 : 20);
                recent.add("new-" + i);
            }
        } finally {
            Tools.run("umount", mnt.toString()).orThrow();
        }
        assertEquals(0, PruneTrees.fsck(img).exitCode());
        String acl = fileAcl(img, "/new-2/x");
        assertEquals(acl, fileAcl(img, "/old-0/x"), "the kernel shares one xattr block between equal attributes");
        Path before = PruneTrees.dump(img, "/", recent, dir.resolve("before"));
        CliRun r = CliRun.of("prune", "--older-than", "4s", "--json", img.toString());
        assertEquals(0, r.exitCode(), r.describe());
        Tools.Result fsck = PruneTrees.fsck(img);
        assertEquals(0, fsck.exitCode(), fsck.stdout());
        List<String> expected = new ArrayList<>(recent);
        expected.add("lost+found");
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(PruneTrees.names(img, "/")), r.out());
        PruneTrees.assertSameTrees(before, PruneTrees.dump(img, "/", recent, dir.resolve("after")));
        String ea = Tools.run("debugfs", "-R", "ea_list /new-2/x", img.toString()).orThrow().stdout();
        assertTrue(ea.contains("user.big"), ea);
        assertEquals(acl, fileAcl(img, "/new-2/x"), "the shared block stays with its remaining users");
    }

    private static String fileAcl(Path img, String path) {
        Matcher m = Pattern.compile("File ACL: (\\d+)").matcher(Tools.run("debugfs", "-R", "stat " + path, img.toString()).orThrow().stdout());
        assertTrue(m.find() && !m.group(1).equals("0"), path + " has an xattr block");
        return m.group(1);
    }

    /** A session as a guest writes one: nested files of random bytes, a sparse file, links, a FIFO, a shared-looking xattr. */
    private static void session(Path s, java.util.Random random, int files) throws IOException {
        Path deep = Files.createDirectories(s.resolve("a/b/c"));
        for (int k = 0; k < files; k++) {
            byte[] b = new byte[k % 5 == 0 ? 70_000 : 900];
            random.nextBytes(b);
            Files.write((k % 2 == 0 ? s : deep).resolve("f" + k), b);
        }
        try (var f = new java.io.RandomAccessFile(s.resolve("sparse").toFile(), "rw")) {
            for (int k = 0; k < 8; k++) {
                f.seek(k * (1L << 20));
                f.write(new byte[] {1, 2, 3, 4});
            }
        }
        Files.write(s.resolve("x"), new byte[] {42});
        var view = Files.getFileAttributeView(s.resolve("x"), java.nio.file.attribute.UserDefinedFileAttributeView.class);
        view.write("big", java.nio.ByteBuffer.wrap(new byte[2000])); // equal in every session: the kernel shares the block
        Files.createSymbolicLink(s.resolve("outside"), Path.of("/etc/passwd"));
        Files.createLink(s.resolve("f0-link"), s.resolve("f0"));
        Tools.run("mkfifo", s.resolve("fifo").toString()).orThrow();
    }

    private static List<Long> counts(Path image) {
        String out = Tools.run("dumpe2fs", "-h", image.toString()).orThrow().stdout();
        List<Long> c = new ArrayList<>();
        for (String field : new String[] {"Free blocks", "Free inodes"}) {
            Matcher m = Pattern.compile("(?m)^" + field + ":\\s+(\\d+)").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no " + field + " in " + out);
            }
            c.add(Long.parseLong(m.group(1)));
        }
        return c;
    }
}
