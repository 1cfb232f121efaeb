package dev.vmdisk.io.exclusive;

import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ForwardingNativeFile;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.LeaseAttempt;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exclusive access where the kernel offers no lease (macOS, or Linux for a file of another user): the
 * shared logic that macOS runs, exercised on whichever port this machine has (on Linux with only its lease
 * taken away).
 * Without a proof vmdisk refuses whenever a process could not be inspected, and otherwise re-scans the
 * holders as it goes, so a process that opens the image mid-run is caught at the next scan.
 */
class UnprovenAccessIT {
    final NativeFs real = HostPort.load();

    @TempDir
    Path dir;

    /** The real port without leases; {@code unchecked} replaces the scan's count of processes it could not inspect. */
    static NativeFs withoutLeases(NativeFs real, int unchecked) {
        return new NativeFs() {
            @Override
            public String platformName() {
                return real.platformName() + " without leases";
            }

            @Override
            public NativeFile open(Path path, Access access) {
                return new ForwardingNativeFile(real.open(path, access)) {
                    @Override
                    public LeaseAttempt tryWriteLease() {
                        return LeaseAttempt.refused(LeaseAttempt.Refusal.UNSUPPORTED, "no leases in this test");
                    }
                };
            }

            @Override
            public HolderReport holders(Path path) {
                HolderReport r = real.holders(path);
                return new HolderReport(r.path(), r.holders(), unchecked, r.privileged());
            }
        };
    }

    @Test
    void aProcessThatCouldNotBeInspectedRefusesWithoutALease() throws IOException {
        Path img = Fixtures.emptySparse(dir, "disk.img", 1 << 20);
        NativeFs fs = withoutLeases(real, 2);
        try (NativeFile f = fs.open(img, Access.READ_WRITE)) {
            ImageInUseException e = assertThrows(ImageInUseException.class, () -> ExclusiveAccess.take(fs, f));
            assertTrue(e.getMessage().contains("cannot prove that no process holds it: 2 processes"), e.getMessage());
            assertTrue(e.getMessage().contains("sudo"), e.getMessage());
        }
    }

    @Test
    void withoutALeaseALateOpenerIsCaughtAtTheNextRescanAndBeforeTheRename() throws Exception {
        Path img = Fixtures.emptySparse(dir, "disk.img", 1 << 20);
        NativeFs fs = withoutLeases(real, 0); // as root on a Mac: every process inspected
        long[] now = {0};
        try (NativeFile f = fs.open(img, Access.READ_WRITE);
             ExclusiveAccess access = ExclusiveAccess.take(fs, f, () -> now[0])) {
            assertFalse(access.proven());
            access.check(); // nobody there
            Process opener = new ProcessBuilder("sh", "-c", "exec 3<\"$0\"; echo ready; exec sleep 30", img.toString()).start();
            try {
                assertTrue(new String(opener.getInputStream().readNBytes(6)).startsWith("ready"));
                access.check(); // too soon for a re-scan: not seen yet, as the README says
                now[0] += ExclusiveAccess.RESCAN_NANOS;
                ExclusivityLostException e = assertThrows(ExclusivityLostException.class, access::check);
                assertTrue(e.getMessage().contains("pid " + opener.pid()), e.getMessage());
                // checkNow (before a rename or an unlink) never waits for the interval.
                ExclusivityLostException again = assertThrows(ExclusivityLostException.class, access::checkNow);
                assertTrue(again.getMessage().contains("pid " + opener.pid()), again.getMessage());
                assertTrue(access.intactAfterward(), "without a lease there is nothing to tell after the step");
            } finally {
                opener.destroyForcibly();
                opener.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
