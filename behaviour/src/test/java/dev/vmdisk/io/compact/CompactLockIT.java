package dev.vmdisk.io.compact;

import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ForwardingNativeFile;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.LeaseAttempt;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.PatternFileAccess;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While compact runs it holds vmdisk's locks and the kernel's write lease on the image. And a process
 * that opens the image after vmdisk's lock but before the lease is caught: the kernel then refuses the
 * lease, and the holder scan that follows a refusal names the process.
 */
@EnabledOnOs(OS.LINUX)
class CompactLockIT {
    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void needsHolders() throws IOException {
    }

    /**
     * While compact runs it holds a flock (what flock(1) and most tools check), a whole-file OFD write lock
     * (what QEMU checks) and a write lease (which the kernel enforces on every opener), all on its one
     * open file; /proc/locks shows them without opening the image (an open would break the lease and
     * stop the compaction: LateOpenerIT). Afterwards all three are gone.
     */
    @Test
    void compactHoldsAFlockAnOfdLockAndAWriteLeaseWhileItRuns() throws IOException {
        Tools.require("flock");
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 21, 4 << 20);
        String sha = sha256(p);
        String inode = Long.toString((Long) Files.getAttribute(p, "unix:ino"));
        List<String> seen = new ArrayList<>();
        ScanProgress probe = new ScanProgress() {
            @Override
            public void advance(long scannedBytes) {
                if (seen.isEmpty()) { // mid-scan, on the compacting thread, with everything held
                    seen.addAll(locksOn(inode));
                }
            }
        };
        CompactResult r = new ZeroCompactor(fs, 12, 2).compact(p, false, probe);
        assertEquals(List.of("FLOCK WRITE", "LEASE WRITE", "OFDLCK WRITE"), seen.stream().sorted().toList());
        assertTrue(r.punchedBytes() > 0);
        assertEquals(sha, sha256(p));
        assertEquals(List.of(), locksOn(inode));
        assertEquals(0, Tools.run("flock", "--nonblock", "--exclusive", p.toString(), "true").exitCode());
    }

    /** The kind and type of each lock /proc/locks lists on inode {@code inode}, e.g. "FLOCK WRITE". */
    static List<String> locksOn(String inode) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] f = line.trim().split("\\s+");
                // "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF"; leases have "ACTIVE" where others say ADVISORY
                if (f.length >= 6 && f[5].endsWith(":" + inode)) {
                    out.add(f[1] + " " + f[3]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aProcessOpeningTheImageBetweenLockAndLeaseIsRefusedTheLeaseAndNamed() throws Exception {
        Tools.require("python3");
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 22, 1 << 20);
        String sha = sha256(p);
        List<Process> started = new ArrayList<>();
        // The real port, except that right after vmdisk's lock, before the lease is asked for, a real
        // process opens the image (taking no lock, as a VM that ignores flock would).
        NativeFs racing = new NativeFs() {
            @Override
            public String platformName() {
                return fs.platformName();
            }

            @Override
            public NativeFile open(Path path, Access access) {
                return new ForwardingNativeFile(fs.open(path, access)) {
                    @Override
                    public LeaseAttempt tryWriteLease() {
                        started.add(openInAnotherProcess(path));
                        return super.tryWriteLease();
                    }
                };
            }

            @Override
            public HolderReport holders(Path path) {
                return fs.holders(path);
            }
        };
        try {
            ImageInUseException e = assertThrows(ImageInUseException.class,
                    () -> new ZeroCompactor(racing, 12, 2).compact(p, false, ScanProgress.NONE));
            assertTrue(e.getMessage().contains("pid " + started.get(0).pid()), e.getMessage());
            assertEquals(sha, sha256(p));
        } finally {
            for (Process proc : started) {
                proc.destroy();
                proc.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertEquals(1, started.size());
    }

    /** Starts python3 holding {@code p} open for writing (no lock), and waits until it has it open. */
    static Process openInAnotherProcess(Path p) {
        try {
            Process proc = new ProcessBuilder("python3", "-c",
                    "import sys,time\nf=open(sys.argv[1],'r+b')\nprint('open', flush=True)\ntime.sleep(60)", p.toString())
                    .redirectErrorStream(true).start();
            byte[] line = proc.getInputStream().readNBytes(5);
            assertEquals("open\n", new String(line, java.nio.charset.StandardCharsets.US_ASCII));
            return proc;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
