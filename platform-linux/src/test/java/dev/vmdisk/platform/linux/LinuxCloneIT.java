package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.testdata.ReflinkFs;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cloneFile} through FICLONE on a real loop-mounted XFS with reflink, and "cannot clone" on ext4. */
@EnabledOnOs(OS.LINUX)
class LinuxCloneIT {
    private static final int MIB = 1 << 20;

    @TempDir
    Path work;

    final NativeFs fs = new LinuxNativeFsProvider().create();

    @Test
    void anXfsCloneHasTheSourcesBytesAndTakesAlmostNoSpace() throws Exception {
        try (ReflinkFs x = ReflinkFs.mount(work)) {
            Path src = x.mountPoint().resolve("rootfs.img");
            byte[] data = new byte[64 * MIB];
            new Random(7).nextBytes(data);
            Files.write(src, data);
            Tools.run("sync").orThrow();
            long before = x.usedBytes();
            Path clone = x.mountPoint().resolve("rootfs.img.old");
            try (NativeFile f = fs.open(src, Access.READ_WRITE)) {
                assertTrue(fs.cloneFile(f, clone));
            }
            Tools.run("sync").orThrow();
            long grown = x.usedBytes() - before;
            assertArrayEquals(data, Files.readAllBytes(clone));
            assertTrue(grown < MIB, "a clone of 64 MiB grew the volume by " + grown + " bytes");
            // The clone is its own inode: writing it leaves the source as it was.
            try (RandomAccessFile r = new RandomAccessFile(clone.toFile(), "rw")) {
                r.write(new byte[] {1, 2, 3});
            }
            assertArrayEquals(data, Files.readAllBytes(src));
            // An existing target is never overwritten.
            try (NativeFile f = fs.open(src, Access.READ_ONLY)) {
                assertThrows(RuntimeException.class, () -> fs.cloneFile(f, clone));
            }
        }
    }

    @Test
    void onExt4ItCannotCloneAndLeavesNothingBehind() throws Exception {
        Path src = work.resolve("a.img");
        Files.write(src, new byte[4096]);
        String type = Tools.run("stat", "-f", "-c", "%T", work.toString()).orThrow().stdout().strip();
        org.junit.jupiter.api.Assumptions.assumeTrue(type.startsWith("ext"), "the temp dir is on " + type + ", not ext4");
        Path clone = work.resolve("a.img.old");
        try (NativeFile f = fs.open(src, Access.READ_ONLY)) {
            assertFalse(fs.cloneFile(f, clone));
        }
        assertFalse(Files.exists(clone));
        assertEquals(4096, Files.size(src));
    }

    @Test
    void ficloneIsIowOf0x94Number9() {
        // _IOW(type, nr, int) = (1 << 30) | (sizeof(int) << 16) | (type << 8) | nr
        assertEquals((1L << 30) | (4L << 16) | (0x94L << 8) | 9, LinuxLibc.FICLONE);
        assertTrue(LinuxClone.unsupported(LinuxErrno.EOPNOTSUPP));
        assertTrue(LinuxClone.unsupported(LinuxErrno.EXDEV));
        assertFalse(LinuxClone.unsupported(LinuxErrno.ENOSPC));
    }
}
