package dev.vmdisk.io.reset;

import dev.vmdisk.io.compact.LateOpener;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.testdata.ReflinkFs;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reset --keep-old} on a volume that clones (a loop-mounted XFS with reflink, made here): {@code IMAGE.old}
 * is a clone of the old image (a new inode with its bytes, no block copied), and a process that opens the old
 * image at the moment of the rename still gets the old image itself put back, since the hidden second name,
 * not the clone, is the old inode. On ext4, where nothing clones, the old image is kept by rename as before.
 */
@EnabledOnOs(OS.LINUX)
class KeepOldCloneIT {
    private static final long MIB = 1 << 20;

    final NativeFs fs = HostPort.load();

    @TempDir
    Path work;

    /** A 64 MiB ext4 image that has grown from its base by a 40 MiB file of random bytes; returns its base. */
    private static Path grownImage(Path img) throws Exception {
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", img.toString(), "64M").orThrow();
        Path base = img.resolveSibling(img.getFileName() + ".zst");
        Tools.run("zstd", "-q", "-f", img.toString(), "-o", base.toString()).orThrow();
        Path blob = img.resolveSibling("blob");
        byte[] random = new byte[(int) (40 * MIB)];
        new Random(3).nextBytes(random);
        Files.write(blob, random);
        Tools.run("debugfs", "-w", "-R", "write " + blob + " grown.bin", img.toString()).orThrow();
        Files.delete(blob);
        Tools.run("sync").orThrow();
        return base;
    }

    @Test
    void theOldImageIsKeptAsACloneThatCopiedNoBlock() throws Exception {
        Tools.require("mke2fs");
        Tools.require("zstd");
        try (ReflinkFs x = ReflinkFs.mount(work)) {
            Path img = x.mountPoint().resolve("rootfs.img");
            Path base = grownImage(img);
            Files.setPosixFilePermissions(img, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
            byte[] old = Files.readAllBytes(img);
            Object oldInode = Files.getAttribute(img, "unix:ino");
            long before = x.usedBytes();

            ResetResult r = new ImageReset(fs).run(new ResetRequest(img, base, true), ResetProgress.NONE);
            Tools.run("sync").orThrow();

            Path kept = ResetLeftovers.kept(img);
            assertEquals(kept, r.oldKept());
            assertTrue(r.oldCloned(), "XFS with reflink clones");
            assertArrayEquals(old, Files.readAllBytes(kept), "the clone holds the old image's bytes");
            assertNotEquals(oldInode, Files.getAttribute(kept, "unix:ino"), "a clone is a new inode");
            assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)),
                    "the clone keeps the old image's permissions");
            // The volume grew by the new image alone: the 40 MiB the old image holds were not copied.
            long grown = x.usedBytes() - before;
            assertTrue(grown < r.allocated() + 4 * MIB, "volume grew " + grown + " bytes; new image " + r.allocated());
            assertFalse(Files.exists(ResetLeftovers.oldLink(img), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(ResetLeftovers.clone(img), LinkOption.NOFOLLOW_LINKS));
            Tools.Result fsck = Tools.run("e2fsck", "-fn", img.toString());
            assertEquals(0, fsck.exitCode(), fsck.stdout() + fsck.stderr());
        }
    }

    @Test
    void anOpenOfTheOldImageDuringTheRenameStillPutsTheOldImageItselfBack() throws Exception {
        Tools.require("mke2fs");
        Tools.require("zstd");
        Tools.require("python3");
        try (ReflinkFs x = ReflinkFs.mount(work)) {
            Path img = x.mountPoint().resolve("rootfs.img");
            Path base = grownImage(img);
            byte[] original = Files.readAllBytes(img);
            List<Long> offsets = List.of(4096L * 100, 4096L * 1000);
            List<LateOpener> started = new ArrayList<>();
            ImageReset reset = new ImageReset(fs);
            // The old inode's second name through the rename: with a clone kept, the hidden link, not IMAGE.old.
            reset.afterRename(() -> {
                LateOpener o = LateOpener.start(ResetLeftovers.oldLink(img), offsets);
                started.add(o);
                o.awaitBlocked();
            });
            ExclusivityLostException e = assertThrows(ExclusivityLostException.class,
                    () -> reset.run(new ResetRequest(img, base, true), ResetProgress.NONE));
            assertTrue(e.getMessage().contains("the old image was put back"), e.getMessage());
            started.get(0).awaitWritten();
            byte[] expected = original.clone();
            for (long o : offsets) {
                System.arraycopy(LateOpener.MARKER, 0, expected, (int) o, LateOpener.MARKER.length);
            }
            assertArrayEquals(expected, Files.readAllBytes(img), "the old image, with that process's writes");
            assertFalse(Files.exists(ResetLeftovers.kept(img)), "the clone goes with the failed reset");
            assertFalse(Files.exists(ResetLeftovers.oldLink(img)));
            assertFalse(Files.exists(ResetLeftovers.clone(img)));
            assertFalse(Files.exists(ResetLeftovers.temporary(img)));
        }
    }

    @Test
    void onExt4TheOldImageIsKeptByRename() throws Exception {
        Tools.require("mke2fs");
        Tools.require("zstd");
        String type = Tools.run("stat", "-f", "-c", "%T", work.toString()).orThrow().stdout().strip();
        org.junit.jupiter.api.Assumptions.assumeTrue(type.startsWith("ext"), "the temp dir is on " + type + ", not ext4");
        Path img = work.resolve("rootfs.img");
        Path base = grownImage(img);
        Object oldInode = Files.getAttribute(img, "unix:ino");
        ResetResult r = new ImageReset(fs).run(new ResetRequest(img, base, true), ResetProgress.NONE);
        assertFalse(r.oldCloned());
        assertEquals(oldInode, Files.getAttribute(ResetLeftovers.kept(img), "unix:ino"), "the old image itself");
    }
}
