package dev.vmdisk.platform.macos;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real macOS port on the runner's volume (APFS on macOS CI): sparse files, hole punching,
 * SEEK_DATA/SEEK_HOLE, flock conflicts and libproc holders. Runs only on macOS; on other systems the
 * layouts and constants are covered by {@link MacStructsTest} and {@link MacConstantsTest}.
 */
@EnabledOnOs(OS.MAC)
class MacNativeFsIT {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private NativeFs fs;
    private Path image;

    @BeforeEach
    void setUp() throws IOException {
        fs = new MacNativeFsProvider().create();
        image = dir.resolve("disk.img");
        try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
            raf.setLength(GIB);
        }
    }

    @Test
    void sparseFileIsMostlyUnallocated() {
        try (NativeFile f = fs.open(image, Access.READ_ONLY)) {
            assertEquals(GIB, f.apparentSize());
            assertTrue(f.allocatedBytes() < GIB / 16, "allocated " + f.allocatedBytes());
            assertEquals(-1, f.nextData(0), "an empty sparse file has no data");
            assertEquals(0, f.nextHole(0));
            assertEquals(GIB, f.nextHole(GIB), "at the end: the implicit hole (ENXIO)");
            assertTrue(f.fsFreeBytes() > 0);
            int bs = f.fsBlockSize();
            assertTrue(bs >= 512 && Integer.bitCount(bs) == 1, "f_bsize " + bs);
            try (NativeFile again = fs.open(image, Access.READ_WRITE)) {
                assertEquals(f.id(), again.id(), "device and inode identify the file");
            }
        }
    }

    @Test
    void punchHoleAtBlockAlignmentFreesAndZeroes() throws IOException {
        try (NativeFile f = fs.open(image, Access.READ_WRITE)) {
            int bs = f.fsBlockSize();
            long at = 256L * bs;
            byte[] data = new byte[8 * bs];
            Arrays.fill(data, (byte) 0x5A);
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(data), at);
            }
            f.sync();
            long before = f.allocatedBytes();
            assertTrue(before >= data.length, "allocated " + before);
            assertEquals(at, f.nextData(0));
            assertEquals(at + data.length, f.nextHole(at));

            f.punchHole(at + 2L * bs, 3L * bs);
            f.sync();

            assertTrue(f.allocatedBytes() < before, "allocated " + f.allocatedBytes() + " was " + before);
            assertEquals(at + 2L * bs, f.nextHole(at));
            assertEquals(at + 5L * bs, f.nextData(at + 2L * bs));
            assertEquals(-1, f.nextData(at + data.length));
            assertEquals(GIB, f.apparentSize(), "punching keeps the size");

            byte[] expected = data.clone();
            Arrays.fill(expected, 2 * bs, 5 * bs, (byte) 0);
            ByteBuffer back = ByteBuffer.allocate(data.length);
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
                ch.read(back, at);
            }
            assertArrayEquals(expected, back.array());
        }
    }

    @Test
    void unalignedPunchIsRefusedWithAMessage() {
        try (NativeFile f = fs.open(image, Access.READ_WRITE)) {
            var e = assertThrows(RuntimeException.class, () -> f.punchHole(1, 100));
            assertTrue(e.getMessage().contains(image.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("F_PUNCHHOLE"), e.getMessage());
        }
    }

    @Test
    void exclusiveLockConflictsBetweenTwoOpens() {
        try (NativeFile a = fs.open(image, Access.READ_WRITE); NativeFile b = fs.open(image, Access.READ_ONLY)) {
            try (ExclusiveLock held = a.lockExclusive()) {
                ImageInUseException e = assertThrows(ImageInUseException.class, b::lockExclusive);
                assertTrue(e.getMessage().startsWith(image + ": another process holds a lock"), e.getMessage());
            }
            b.lockExclusive().close(); // released with the lock
        }
    }

    @Test
    void openRefusesDirectoriesAndMissingFiles() {
        assertThrows(BadInputException.class, () -> fs.open(dir, Access.READ_ONLY));
        assertThrows(BadInputException.class, () -> fs.open(dir.resolve("missing.img"), Access.READ_ONLY));
        assertThrows(BadInputException.class, () -> fs.holders(dir.resolve("missing.img")));
    }

    @Test
    void holdersFindAChildWithTheFileOpen() throws Exception {
        Process child = new ProcessBuilder("/bin/sh", "-c", "exec 3<\"$0\"; exec /bin/sleep 60", image.toString())
                .redirectErrorStream(true).start();
        try (NativeFile mine = fs.open(image, Access.READ_ONLY)) {
            Optional<Holder> found = Optional.empty();
            HolderReport report = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (found.isEmpty() && System.nanoTime() < deadline) {
                report = fs.holders(image);
                found = report.holders().stream()
                        .filter(h -> h.pid() == child.pid() && h.name().equals("sleep")).findFirst();
                if (found.isEmpty()) {
                    Thread.sleep(50);
                }
            }
            assertTrue(found.isPresent(), "sleep (pid " + child.pid() + ") not found: " + report);
            assertEquals(List.of(new Hold(HoldKind.OPEN, "fd 3 (read-only)")), found.get().holds());
            assertTrue(report.holders().stream().noneMatch(h -> h.pid() == ProcessHandle.current().pid()),
                    "vmdisk's own descriptor is never listed");
            boolean root = "root".equals(System.getProperty("user.name"));
            assertEquals(root, report.privileged(), "the report knows whether it ran as root");
            if (!root) {
                assertTrue(report.unchecked() > 0, "root's processes (launchd) cannot be inspected without root");
            }
        } finally {
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
