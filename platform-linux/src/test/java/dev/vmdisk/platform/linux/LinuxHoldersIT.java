package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LinuxNativeFs#holders} against real child processes that open, lock and map a real file. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads Linux /proc")
@SuppressWarnings("try") // a resource that only keeps a child alive or a lock held is not referenced
class LinuxHoldersIT {
    /** Opens read-write and waits. */
    static final String OPEN = """
            import os, sys, time
            fd = os.open(sys.argv[1], os.O_RDWR)
            print('ready', fd, flush=True)
            time.sleep(120)
            """;
    /** Takes a 1-byte OFD read lock on byte 100, as QEMU does on a raw image it runs. */
    static final String OFD_READ_100 = """
            import fcntl, os, struct, sys, time
            fd = os.open(sys.argv[1], os.O_RDWR)
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack('hhqqi4x', fcntl.F_RDLCK, os.SEEK_SET, 100, 1, 0))
            print('ready', fd, flush=True)
            time.sleep(120)
            """;
    /** Takes a classic POSIX (process-owned) write lock on byte 100. */
    static final String POSIX_WRITE_100 = """
            import fcntl, os, sys, time
            fd = os.open(sys.argv[1], os.O_RDWR)
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 100, os.SEEK_SET)
            print('ready', fd, flush=True)
            time.sleep(120)
            """;
    /** Maps the first page shared, then closes its only descriptor (libc mmap: Python's mmap keeps a dup). */
    static final String MAP_ONLY = """
            import ctypes, os, sys, time
            libc = ctypes.CDLL(None, use_errno=True)
            libc.mmap.restype = ctypes.c_void_p
            libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
            fd = os.open(sys.argv[1], os.O_RDONLY)
            addr = libc.mmap(None, 4096, 1, 1, fd, 0)  # PROT_READ, MAP_SHARED
            if addr in (None, ctypes.c_void_p(-1).value):
                raise OSError(ctypes.get_errno(), 'mmap')
            os.close(fd)
            print('ready', flush=True)
            time.sleep(120)
            """;

    private final LinuxNativeFs fs = new LinuxNativeFs(LinuxLibc.INSTANCE);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Tools.require("python3");
    }

    private Path image() {
        return Fixtures.emptySparse(dir, "disk.img", 1 << 20);
    }

    @Test
    void nothingHoldsAFreshFile() {
        HolderReport r = fs.holders(image());
        assertFalse(r.held(), r::summary);
        assertEquals("held by no process", r.summary());
        assertEquals("root".equals(System.getProperty("user.name")), r.privileged(),
                "the report knows whether it ran as root, so its warning does not tell root to run as root");
    }

    @Test
    void findsAChildHoldingItOpen() {
        Path img = image();
        try (Child c = Child.python(OPEN, img.toString())) {
            Holder h = holder(fs.holders(img), c.pid());
            assertEquals(List.of(HoldKind.OPEN), kinds(h));
            assertTrue(h.holds().get(0).detail().matches("fd \\d+ \\(read-write\\)"), h.holds()::toString);
            assertTrue(h.name().startsWith("python3"), h.name());
            assertTrue(h.command().contains("python3") && h.command().endsWith(img.toString()), h.command());
        }
        assertFalse(fs.holders(img).held(), "still held after the child exited");
    }

    @Test
    void findsTheFlockUtilityAndTheCommandItRuns() {
        Tools.require("flock");
        Path img = image();
        try (Child c = Child.start(List.of("flock", "--exclusive", img.toString(), "sh", "-c", "echo ready; exec sleep 120"))) {
            HolderReport r = fs.holders(img);
            Holder flock = holder(r, c.pid());
            assertEquals("flock", flock.name());
            assertTrue(flock.holds().contains(new Hold(HoldKind.FLOCK, "write lock 0-EOF")), flock.holds()::toString);
            assertTrue(flock.holds().stream().anyMatch(x -> x.kind() == HoldKind.OPEN), flock.holds()::toString);
            // sleep inherited the locked descriptor: the lock lives as long as it does, so it is a holder too
            long sleep = c.descendants().get(0);
            assertTrue(holder(r, sleep).holds().contains(new Hold(HoldKind.FLOCK, "write lock 0-EOF")));
        }
        assertFalse(fs.holders(img).held());
    }

    @Test
    void findsTheOwnerOfAnOfdLockLikeQemus() {
        Path img = image();
        try (Child c = Child.python(OFD_READ_100, img.toString())) {
            Holder h = holder(fs.holders(img), c.pid());
            assertEquals(List.of(HoldKind.OPEN, HoldKind.OFD_LOCK), kinds(h));
            assertEquals(new Hold(HoldKind.OFD_LOCK, "read lock 100-100"), h.holds().get(1));
            assertTrue(fs.holders(img).summary().contains("(pid " + c.pid() + ", open, ofd-lock)"));
        }
        assertFalse(fs.holders(img).held());
    }

    @Test
    void findsAPosixLock() {
        Path img = image();
        try (Child c = Child.python(POSIX_WRITE_100, img.toString())) {
            Holder h = holder(fs.holders(img), c.pid());
            assertEquals(List.of(HoldKind.OPEN, HoldKind.POSIX_LOCK), kinds(h));
            assertEquals(new Hold(HoldKind.POSIX_LOCK, "write lock 100-100"), h.holds().get(1));
        }
    }

    @Test
    void findsAMappingWithoutAnyDescriptor() {
        Path img = image();
        try (Child c = Child.python(MAP_ONLY, img.toString())) {
            Holder h = holder(fs.holders(img), c.pid());
            assertEquals(List.of(new Hold(HoldKind.MAPPED, "1 mapping (r--s), 4096 bytes")), h.holds());
        }
        assertFalse(fs.holders(img).held());
    }

    @Test
    void matchesByInodeNotByPath() throws Exception {
        Path img = image();
        Path hardLink = Files.createLink(dir.resolve("hard-link.img"), img);
        Path symlink = Files.createSymbolicLink(dir.resolve("symlink.img"), img);
        try (Child c = Child.python(OPEN, hardLink.toString())) {
            holder(fs.holders(img), c.pid());
            holder(fs.holders(symlink), c.pid());
        }
        // renamed while open: the child's path is stale, the inode is the same
        try (Child c = Child.python(OFD_READ_100, img.toString())) {
            Path moved = Files.move(img, dir.resolve("moved.img"));
            assertEquals(List.of(HoldKind.OPEN, HoldKind.OFD_LOCK), kinds(holder(fs.holders(moved), c.pid())));
        }
    }

    /** One pass for several files finds, for each, exactly what a scan of that file alone finds. */
    @Test
    void oneScanOfSeveralFilesFindsWhatAScanOfEachFinds() {
        Path ofd = Fixtures.emptySparse(dir, "ofd.img", 1 << 20);
        Path posix = Fixtures.emptySparse(dir, "posix.img", 1 << 20);
        Path mapped = Fixtures.emptySparse(dir, "mapped.img", 1 << 20);
        Path free = Fixtures.emptySparse(dir, "free.img", 1 << 20);
        Path missing = dir.resolve("missing.img");
        try (Child a = Child.python(OFD_READ_100, ofd.toString());
             Child b = Child.python(POSIX_WRITE_100, posix.toString());
             Child c = Child.python(MAP_ONLY, mapped.toString());
             Child d = Child.python(OPEN, ofd.toString())) {
            Map<Path, HolderReport> all = fs.holdersOfAll(List.of(ofd, posix, mapped, free, missing));
            assertEquals(List.of(ofd, posix, mapped, free), List.copyOf(all.keySet()), "a missing file has no entry");
            for (Path p : List.of(ofd, posix, mapped, free)) {
                assertEquals(fs.holders(p).holders(), all.get(p).holders(), p.toString());
            }
            assertEquals(2, all.get(ofd).holders().size());
            assertEquals(List.of(HoldKind.OPEN, HoldKind.POSIX_LOCK), kinds(holder(all.get(posix), b.pid())));
            assertEquals(List.of(HoldKind.MAPPED), kinds(holder(all.get(mapped), c.pid())));
            assertFalse(all.get(free).held());
        }
    }

    @Test
    void anotherFileIsNotHeld() {
        Path img = image();
        Path other = Fixtures.emptySparse(dir, "other.img", 1 << 20);
        try (Child c = Child.python(OFD_READ_100, img.toString())) {
            assertFalse(fs.holders(other).held());
        }
    }

    @Test
    void neverListsItself() {
        Path img = image();
        try (NativeFile f = fs.open(img, Access.READ_WRITE); var lock = f.lockExclusive()) {
            HolderReport r = fs.holders(img);
            assertTrue(r.holders().stream().noneMatch(h -> h.pid() == ProcessHandle.current().pid()), r::summary);
            assertFalse(r.held(), r::summary);
        }
    }

    /**
     * Run as user nobody, the scan cannot read root's processes: it counts them as unchecked and
     * still names a root process's POSIX lock, which /proc/locks shows to everyone.
     */
    @Test
    void anotherUsersProcessesAreCountedAndTheirLocksStillFound() throws Exception {
        Tools.require("setpriv");
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to run the probe as another user");
        Path shared = Files.createTempDirectory("vmdisk-holders-probe");
        try {
            String classpath = NobodyClasspath.copy(System.getProperty("java.class.path"), shared);
            Path img = Fixtures.emptySparse(shared, "disk.img", 1 << 20);
            try (Child c = Child.python(POSIX_WRITE_100, img.toString())) {
                Tools.Result r = Tools.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                        "-Djna.tmpdir=" + shared.resolve("jna"), "-Djava.io.tmpdir=" + shared,
                        "-cp", classpath, HoldersProbe.class.getName(), img.toString()).orThrow();
                List<String> lines = r.stdout().lines().toList();
                int unchecked = Integer.parseInt(lines.get(0).substring("unchecked ".length()));
                assertTrue(unchecked >= 2, "this JVM and the child are root's: " + lines);
                assertEquals(List.of("hold " + c.pid() + " POSIX_LOCK write lock 100-100"), lines.subList(1, lines.size()));
            }
        } finally {
            NobodyClasspath.delete(shared);
        }
    }

    static Holder holder(HolderReport r, long pid) {
        Optional<Holder> h = r.holders().stream().filter(x -> x.pid() == pid).findFirst();
        assertTrue(h.isPresent(), () -> "pid " + pid + " not found: " + r.holders());
        return h.get();
    }

    static List<HoldKind> kinds(Holder h) {
        return h.holds().stream().map(Hold::kind).toList();
    }
}
