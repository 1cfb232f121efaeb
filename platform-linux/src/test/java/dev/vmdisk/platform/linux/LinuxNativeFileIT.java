package dev.vmdisk.platform.linux;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.DataExtents;
import dev.vmdisk.io.scan.Extent;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Linux port on real files, checked against what stat, du, filefrag and the kernel say. */
@EnabledOnOs(OS.LINUX)
class LinuxNativeFileIT {
    private static final long MIB = 1 << 20;
    private final NativeFs fs = new LinuxNativeFsProvider().create();

    @TempDir
    Path dir;

    /** A 5 GiB sparse file with data at 1 MiB, across 2 GiB and 4 GiB, and near the end. */
    private Path sparseWithData() throws IOException {
        Path img = Fixtures.emptySparse(dir, "big.img", 5L << 30);
        byte[] data = new byte[(int) MIB];
        new Random(7).nextBytes(data);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            for (long at : new long[] {MIB, (2L << 30) - MIB / 2, (4L << 30) - 4096, (5L << 30) - 3 * MIB}) {
                f.seek(at);
                f.write(data);
            }
        }
        return img;
    }

    @Test
    void apparentAndAllocatedSizesMatchStatAndDu() throws IOException {
        Path img = sparseWithData();
        try (NativeFile f = fs.open(img, Access.READ_ONLY)) {
            assertEquals(5L << 30, f.apparentSize());
            long statBlocks = Long.parseLong(Tools.run("stat", "-c", "%b", img.toString()).orThrow().stdout().trim());
            assertEquals(statBlocks * 512, f.allocatedBytes());
            long du = Long.parseLong(Tools.run("du", "--block-size=1", img.toString()).orThrow().stdout().split("\\s")[0]);
            assertEquals(du, f.allocatedBytes());
            assertTrue(f.allocatedBytes() < 16 * MIB, "a 5 GiB file with 4 MiB of data: " + f.allocatedBytes());
        }
    }

    @Test
    void dataExtentsCoverWhatFilefragReports() throws IOException {
        Tools.require("filefrag");
        Path img = sparseWithData();
        List<long[]> ours = new ArrayList<>();
        try (NativeFile f = fs.open(img, Access.READ_ONLY)) {
            for (Extent e : DataExtents.of(f)) {
                ours.add(new long[] {e.offset(), e.end()});
            }
        }
        // filefrag -v lists logical block ranges; adjacent ones are one data extent for SEEK_DATA/SEEK_HOLE.
        String out = Tools.run("filefrag", "-v", "-b4096", img.toString()).orThrow().stdout();
        Matcher m = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\.\\.\\s*(\\d+):", Pattern.MULTILINE).matcher(out);
        List<long[]> frag = new ArrayList<>();
        while (m.find()) {
            long start = Long.parseLong(m.group(1)) * 4096;
            long end = (Long.parseLong(m.group(2)) + 1) * 4096;
            if (!frag.isEmpty() && frag.get(frag.size() - 1)[1] == start) {
                frag.get(frag.size() - 1)[1] = end;
            } else {
                frag.add(new long[] {start, end});
            }
        }
        assertEquals(4, ours.size(), out);
        assertEquals(frag.size(), ours.size(), out);
        for (int i = 0; i < ours.size(); i++) {
            assertArrayEquals(frag.get(i), ours.get(i), "extent " + i + "\n" + out);
        }
    }

    @Test
    void punchingAHoleKeepsTheSizeReadsZerosAndFreesTheBlocks() throws IOException {
        Path img = dir.resolve("p.img");
        byte[] data = new byte[(int) (4 * MIB)];
        new Random(3).nextBytes(data);
        Files.write(img, data);
        try (NativeFile f = fs.open(img, Access.READ_WRITE)) {
            long before = f.allocatedBytes();
            f.punchHole(MIB, 2 * MIB);
            f.sync();
            assertEquals(4 * MIB, f.apparentSize());
            assertEquals(before - 2 * MIB, f.allocatedBytes());
            assertEquals(MIB, f.nextHole(0));
            assertEquals(3 * MIB, f.nextData(MIB));
        }
        byte[] after = Files.readAllBytes(img);
        Arrays.fill(data, (int) MIB, (int) (3 * MIB), (byte) 0);
        assertArrayEquals(data, after);
    }

    @Test
    void blockSizeAndFreeSpaceMatchStatfs() {
        Path file = Fixtures.emptySparse(dir, "s.img", MIB);
        try (NativeFile f = fs.open(file, Access.READ_ONLY)) {
            String[] st = Tools.run("stat", "-f", "-c", "%S %a", file.toString()).orThrow().stdout().trim().split(" ");
            assertEquals(Integer.parseInt(st[0]), f.fsBlockSize());
            long statfsFree = Long.parseLong(st[1]) * Integer.parseInt(st[0]);
            assertTrue(Math.abs(statfsFree - f.fsFreeBytes()) < 64 * MIB, statfsFree + " vs " + f.fsFreeBytes());
        }
    }

    @Test
    void theExclusiveLockConflictsWithAFlockAndWithQemusOfdLockAndIsFreeOtherwise() throws Exception {
        Tools.require("flock");
        Tools.require("python3");
        Path img = Fixtures.emptySparse(dir, "l.img", MIB);
        try (NativeFile f = fs.open(img, Access.READ_WRITE); ExclusiveLock lock = f.lockExclusive()) {
            assertTrue(lock != null);
        }
        Process flock = start("flock", img.toString(), "sh", "-c", "echo ready; exec sleep 60");
        try (NativeFile f = fs.open(img, Access.READ_WRITE)) {
            assertThrows(ImageInUseException.class, f::lockExclusive);
        } finally {
            kill(flock);
        }
        Process qemuLike = start("python3", "-c", String.join("\n",
                "import fcntl, os, struct, sys, time",
                "fd = os.open(sys.argv[1], os.O_RDONLY)",
                "fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack('hhqqi4x', fcntl.F_RDLCK, 0, 100, 1, 0))",
                "print('ready', flush=True)",
                "time.sleep(60)"), img.toString());
        try (NativeFile f = fs.open(img, Access.READ_WRITE)) {
            ImageInUseException e = assertThrows(ImageInUseException.class, f::lockExclusive);
            assertTrue(e.getMessage().contains("OFD"), e.getMessage());
        } finally {
            kill(qemuLike);
        }
        try (NativeFile f = fs.open(img, Access.READ_WRITE); ExclusiveLock lock = f.lockExclusive()) {
            assertTrue(lock != null, "free again once the holders are gone");
        }
    }

    @Test
    void failuresBecomeOneLineMessagesWithTheRightExitCode() throws IOException {
        BadInputException missing = assertThrows(BadInputException.class, () -> fs.open(dir.resolve("nope.img"), Access.READ_ONLY));
        assertEquals(dir.resolve("nope.img") + ": open: No such file or directory", missing.getMessage());
        assertThrows(BadInputException.class, () -> fs.open(dir, Access.READ_ONLY));
        BadInputException device = assertThrows(BadInputException.class, () -> fs.open(Path.of("/dev/null"), Access.READ_ONLY));
        assertTrue(device.getMessage().contains("not a regular file"), device.getMessage());
        Path img = Fixtures.emptySparse(dir, "ro.img", MIB);
        try (NativeFile f = fs.open(img, Access.READ_ONLY)) {
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> f.punchHole(0, 4096));
            assertEquals(5, e.exitCode().code());
            assertTrue(e.getMessage().startsWith(img + ": fallocate(PUNCH_HOLE) at 0: Bad file descriptor"), e.getMessage());
        }
    }

    private static Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new AssertionError("child did not start: " + line);
        }
        return p;
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
