package dev.vmdisk.io.compact;

import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.PatternFileAccess;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.platform.linux.LinuxNativeFsProvider;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
 * While compact runs, a real second process cannot take a lock on the image, neither flock (what
 * {@code flock(1)} and most tools use) nor an OFD write lock (what QEMU takes); so a cooperating
 * writer cannot write between the zero check and the punch. And a process that opens the image
 * after the first holder check but before the lock is caught by the second check.
 */
@EnabledOnOs(OS.LINUX)
class CompactLockIT {
    static final String OFD_TRY = "import fcntl,struct,sys\n"
            + "f=open(sys.argv[1],'r+b')\n"
            + "try:\n"
            + "    fcntl.fcntl(f, 37, struct.pack('hhqqi4x', fcntl.F_WRLCK, 0, 0, 0, 0))\n" // F_OFD_SETLK
            + "    print('got')\n"
            + "except OSError as e:\n"
            + "    print('refused')\n";

    final NativeFs fs = new LinuxNativeFsProvider().create();

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void needsHolders() throws IOException {
    }

    @Test
    void aSecondProcessCannotLockTheImageWhileCompactRuns() throws IOException {
        Tools.require("flock");
        Tools.require("python3");
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 21, 4 << 20);
        String sha = sha256(p);
        List<String> seen = new ArrayList<>();
        ScanProgress probe = new ScanProgress() {
            @Override
            public void advance(long scannedBytes) {
                if (seen.isEmpty()) { // mid-scan, on the compacting thread, with the lock held
                    seen.add("flock exit " + Tools.run("flock", "--nonblock", "--exclusive", p.toString(), "true").exitCode());
                    seen.add("ofd " + Tools.run("python3", "-c", OFD_TRY, p.toString()).stdout().trim());
                }
            }
        };
        CompactResult r = new ZeroCompactor(fs, 12, 2).compact(p, false, probe);
        assertEquals(List.of("flock exit 1", "ofd refused"), seen);
        assertTrue(r.punchedBytes() > 0);
        assertEquals(sha, sha256(p));
        // Afterwards the lock is gone.
        assertEquals(0, Tools.run("flock", "--nonblock", "--exclusive", p.toString(), "true").exitCode());
    }

    @Test
    void aProcessOpeningTheImageBetweenCheckAndLockIsCaughtByTheSecondCheck() throws Exception {
        Tools.require("python3");
        Path p = PatternFileAccess.mixed(dir.resolve("img"), 22, 1 << 20);
        String sha = sha256(p);
        List<Process> started = new ArrayList<>();
        // The real port, except that right after the first holder check a real process opens the image.
        NativeFs racing = new NativeFs() {
            int checks;

            @Override
            public String platformName() {
                return fs.platformName();
            }

            @Override
            public NativeFile open(Path path, Access access) {
                return fs.open(path, access);
            }

            @Override
            public HolderReport holders(Path path) {
                HolderReport report = fs.holders(path);
                if (checks++ == 0) {
                    started.add(openInAnotherProcess(path));
                }
                return report;
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
        assertFalse(started.isEmpty());
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
