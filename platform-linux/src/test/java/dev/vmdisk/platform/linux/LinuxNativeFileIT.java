package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Linux port on real sparse files, compared with du, stat, filefrag and Python's lseek; locks against real children. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "calls Linux glibc")
@SuppressWarnings("try") // a resource that only keeps a child alive or a lock held is not referenced
class LinuxNativeFileIT {
    private static final long GIB = 1L << 30;

    private final LinuxNativeFs fs = new LinuxNativeFs(LinuxLibc.INSTANCE);

    @TempDir
    Path dir;

    /** A 6 GiB file with data at the start, in the middle, across 1 MiB at 3 GiB and in its last byte. */
    private Path sparse() throws Exception {
        Path p = dir.resolve("sparse.img");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(6 * GIB);
            f.seek(0);
            f.write(new byte[] {1, 2, 3});
            f.seek(GIB + 123);
            f.write(new byte[] {4});
            byte[] mib = new byte[1 << 20];
            Arrays.fill(mib, (byte) 7);
            f.seek(3 * GIB);
            f.write(mib);
            f.seek(6 * GIB - 1);
            f.write(9);
            f.getFD().sync();
        }
        return p;
    }

    /** Data extents {start, end} found with nextData / nextHole. */
    private static List<long[]> extents(NativeFile f) {
        List<long[]> out = new ArrayList<>();
        long at = 0;
        while (true) {
            long data = f.nextData(at);
            if (data < 0) {
                return out;
            }
            long hole = f.nextHole(data);
            out.add(new long[] {data, hole});
            at = hole;
        }
    }

    private static String show(List<long[]> extents) {
        StringBuilder sb = new StringBuilder();
        extents.forEach(e -> sb.append(e[0]).append('-').append(e[1]).append(' '));
        return sb.toString().strip();
    }

    /** Without O_NONBLOCK the open waits for a writer forever; the timeout's own thread fails the test then. */
    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void openingAFifoReturnsAtOnceAndRefusesIt() throws Exception {
        Path fifo = dir.resolve("rootfs.img");
        Tools.Result made = Tools.run("mkfifo", fifo.toString());
        assertEquals(0, made.exitCode(), made.toString());
        for (Access access : Access.values()) {
            BadInputException e = assertThrows(BadInputException.class, () -> fs.open(fifo, access).close());
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        }
    }

    @Test
    void apparentAndAllocatedSizeMatchDuAndStat() throws Exception {
        Tools.require("du");
        Path p = sparse();
        try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
            assertEquals(6 * GIB, f.apparentSize());
            long du = Long.parseLong(Tools.run("du", "--block-size=1", p.toString()).orThrow().stdout().split("\\s")[0]);
            long stat = Long.parseLong(Tools.run("stat", "-c", "%b", p.toString()).orThrow().stdout().strip()) * 512;
            assertEquals(du, f.allocatedBytes());
            assertEquals(stat, f.allocatedBytes());
            assertTrue(f.allocatedBytes() >= (1 << 20) && f.allocatedBytes() < 8 << 20, "allocated " + f.allocatedBytes());
        }
    }

    @Test
    void dataAndHolesMatchPythonLseekAndFilefrag() throws Exception {
        Tools.require("python3");
        Tools.require("filefrag");
        Path p = sparse();
        List<long[]> ours;
        try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
            ours = extents(f);
            assertEquals(-1, f.nextData(6 * GIB));
            assertEquals(6 * GIB, f.nextHole(6 * GIB));
        }
        String python = Tools.run("python3", "-c", """
                import os, sys
                fd = os.open(sys.argv[1], os.O_RDONLY)
                at = 0
                while True:
                    try:
                        data = os.lseek(fd, at, os.SEEK_DATA)
                    except OSError:
                        break
                    at = os.lseek(fd, data, os.SEEK_HOLE)
                    print(f'{data}-{at}', end=' ')
                """, p.toString()).orThrow().stdout().strip();
        assertEquals(python, show(ours));

        Tools.Result frag = Tools.run("filefrag", "-v", "-b1", p.toString());
        assumeTrue(frag.exitCode() == 0, "this file system has no FIEMAP: " + frag.stderr());
        assertEquals(show(filefragExtents(frag.stdout())), show(ours));
        assertTrue(ours.size() >= 3 && ours.get(0)[0] == 0 && ours.get(ours.size() - 1)[1] == 6 * GIB, show(ours));
    }

    /** Logical extents from {@code filefrag -v -b1} (units of bytes), adjacent ones merged. */
    private static List<long[]> filefragExtents(String out) {
        Pattern line = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\.\\.\\s*(\\d+):", Pattern.MULTILINE);
        Matcher m = line.matcher(out);
        List<long[]> merged = new ArrayList<>();
        while (m.find()) {
            long start = Long.parseLong(m.group(1));
            long end = Long.parseLong(m.group(2)) + 1;
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] == start) {
                merged.get(merged.size() - 1)[1] = end;
            } else {
                merged.add(new long[] {start, end});
            }
        }
        return merged;
    }

    @Test
    void punchHoleReadsAsZerosKeepsSizeAndFreesSpace() throws Exception {
        Path p = dir.resolve("full.img");
        byte[] content = new byte[1 << 20];
        Arrays.fill(content, (byte) 0xAB);
        Files.write(p, content);
        try (NativeFile f = fs.open(p, Access.READ_WRITE)) {
            f.sync();
            long before = f.allocatedBytes();
            int block = f.fsBlockSize();
            f.punchHole(16 * block, 64 * block);
            f.sync();
            assertEquals(1 << 20, f.apparentSize());
            assertEquals(before - 64L * block, f.allocatedBytes());
            assertEquals(16L * block, f.nextHole(0));
            assertEquals(80L * block, f.nextData(16L * block));
            Arrays.fill(content, 16 * block, 80 * block, (byte) 0);
        }
        assertArrayEquals(content, Files.readAllBytes(p));
    }

    @Test
    void lockExclusiveSucceedsWhenFreeAndAgainAfterRelease() throws Exception {
        Path p = Files.write(dir.resolve("free.img"), new byte[4096]);
        try (NativeFile a = fs.open(p, Access.READ_WRITE); NativeFile b = fs.open(p, Access.READ_WRITE)) {
            try (ExclusiveLock lock = a.lockExclusive()) {
                // a second open file description conflicts, even in this process
                assertThrows(ImageInUseException.class, b::lockExclusive);
            }
            b.lockExclusive().close();
        }
    }

    @Test
    void lockExclusiveConflictsWithAChildsFlock() throws Exception {
        Tools.require("flock");
        Path p = Files.write(dir.resolve("flocked.img"), new byte[4096]);
        try (NativeFile f = fs.open(p, Access.READ_WRITE)) {
            try (Child c = Child.start(List.of("flock", "--shared", p.toString(), "sh", "-c", "echo ready; exec sleep 120"))) {
                ImageInUseException e = assertThrows(ImageInUseException.class, f::lockExclusive);
                assertEquals(p + ": another process holds a lock on it (flock)", e.getMessage());
            }
            f.lockExclusive().close();
        }
    }

    @Test
    void lockExclusiveConflictsWithQemusOfdReadLockOnByte100() throws Exception {
        Tools.require("python3");
        Path p = Files.write(dir.resolve("qemu.img"), new byte[4096]);
        try (NativeFile f = fs.open(p, Access.READ_WRITE)) {
            try (Child c = Child.python(LinuxHoldersIT.OFD_READ_100, p.toString())) {
                ImageInUseException e = assertThrows(ImageInUseException.class, f::lockExclusive);
                assertEquals(p + ": another process holds a lock on it (fcntl OFD lock, as QEMU takes)", e.getMessage());
                // F_OFD_GETLK reads the child's lock back through FlockLayout: read lock, byte 100, pid -1
                Memory fl = LinuxNativeFile.ofdLock(LinuxLibc.F_WRLCK);
                assertEquals(0, LinuxLibc.INSTANCE.fcntl(((LinuxNativeFile) f).fd(), LinuxLibc.F_OFD_GETLK, fl));
                assertEquals(LinuxLibc.F_RDLCK, fl.getShort(FlockLayout.L_TYPE));
                assertEquals(100, fl.getLong(FlockLayout.L_START));
                assertEquals(1, fl.getLong(FlockLayout.L_LEN));
                assertEquals(-1, fl.getInt(FlockLayout.L_PID));
            }
            f.lockExclusive().close();
        }
    }
}
