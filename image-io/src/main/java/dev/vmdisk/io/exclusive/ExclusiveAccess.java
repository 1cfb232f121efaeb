package dev.vmdisk.io.exclusive;

import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.LeaseAttempt;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.WriteLease;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * vmdisk's right to change an image, taken and kept the one safe way, for compact and reset alike.
 *
 * <p>Taking it: vmdisk's exclusive lock is taken (other vmdisk runs and QEMU see it), then a kernel write
 * lease is asked for on the same open file. A granted lease is the proof: no other open file of the inode
 * exists, whoever owns it, so there is nobody to look for and the holders are not scanned (a scan of every
 * process cost a compact a tenth of its start). Without one (another open file exists; macOS has no
 * leases; on Linux only the file's owner or {@code CAP_LEASE} may take one) the holders are scanned, so a
 * refusal names who holds the image, and the image is refused unless every process could be inspected:
 * vmdisk never proceeds past a process it could not see.
 *
 * <p>Keeping it: {@link #check()} is called between steps (punches, windows, decompressed buffers) and
 * before the rename. With a lease it costs one {@code fcntl} and catches every later opener, who waits in
 * {@code open()} until vmdisk stops and {@link #close() releases}. Without one it re-scans the holders at
 * most every {@link #RESCAN_NANOS}: a late opener is then caught at the next scan, not before, which the
 * README says.
 */
public final class ExclusiveAccess implements AutoCloseable {
    /** Between two holder re-scans when there is no lease: a scan of every process costs 10-50 ms. */
    static final long RESCAN_NANOS = 250_000_000L;

    private final NativeFs fs;
    private final Path path;
    private final ExclusiveLock lock;
    private final WriteLease lease;
    private final HolderReport report;
    private final LongSupplier clock;
    private long lastScan;

    private ExclusiveAccess(NativeFs fs, Path path, ExclusiveLock lock, WriteLease lease, HolderReport report,
                            LongSupplier clock) {
        this.fs = fs;
        this.path = path;
        this.lock = lock;
        this.lease = lease;
        this.report = report;
        this.clock = clock;
        this.lastScan = clock.getAsLong();
    }

    /**
     * Takes the lock and, where the kernel grants it, the write lease on {@code file} (open read-write).
     *
     * @throws ImageInUseException when anything holds the image, or when vmdisk cannot prove that nothing
     *                             does; nothing was changed
     */
    public static ExclusiveAccess take(NativeFs fs, NativeFile file) {
        return take(fs, file, System::nanoTime);
    }

    /** {@link #take(NativeFs, NativeFile)} with the clock that paces re-scans without a lease; tests step it. */
    static ExclusiveAccess take(NativeFs fs, NativeFile file, LongSupplier clock) {
        Path path = file.path();
        ExclusiveLock lock = lock(fs, file);
        try {
            LeaseAttempt attempt = file.tryWriteLease();
            if (attempt.isGranted()) {
                return new ExclusiveAccess(fs, path, lock, attempt.lease(), null, clock);
            }
            HolderReport again = refuseIfHeld(path, fs.holders(path));
            if (attempt.refusal() == LeaseAttempt.Refusal.HELD) {
                throw new ImageInUseException(path + ": in use by a process vmdisk cannot see: the kernel refused a write"
                        + " lease because another open file of it exists (a process of another user or in another"
                        + " namespace, a mapping, a kernel user); run vmdisk holders as root to name it, stop it, then"
                        + " try again; nothing was changed", again);
            }
            if (again.unchecked() > 0) {
                String count = again.unchecked() + (again.unchecked() == 1 ? " process" : " processes")
                        + (again.privileged() ? " could not be checked even as root" : " of other users could not be checked");
                throw new ImageInUseException(path + ": cannot prove that no process holds it: " + count
                        + ", and " + noLeaseReason(attempt) + "; run vmdisk with sudo so it can check every process;"
                        + " nothing was changed", again);
            }
            return new ExclusiveAccess(fs, path, lock, null, again, clock);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private static String noLeaseReason(LeaseAttempt attempt) {
        return attempt.refusal() == LeaseAttempt.Refusal.NOT_PERMITTED
                ? "the kernel grants a write lease (its proof that no other open file exists) only to the file's owner"
                + " or root (" + attempt.detail() + ")"
                : "this system offers no write lease to prove it (" + attempt.detail() + ")";
    }

    /** True when the kernel's write lease backs this access, so nothing can open or shrink the file unseen. */
    public boolean proven() {
        return lease != null;
    }

    /** The holder scan behind an unproven access (its warnings), or null under a lease. */
    public HolderReport report() {
        return report;
    }

    /**
     * Throws when the image is not vmdisk's alone any more: the lease is breaking (another process is
     * waiting to open or truncate it), or, without a lease, a re-scan found a holder. Cheap with a lease.
     *
     * @throws ExclusivityLostException the caller stops and closes this access; nothing is lost
     */
    public void check() {
        if (lease != null) {
            if (!lease.intact()) {
                throw new ExclusivityLostException(path + ": another process opened the image (or tried to truncate it)"
                        + " while vmdisk was changing it; vmdisk stopped before that process could use it", null);
            }
            return;
        }
        long now = clock.getAsLong();
        if (now - lastScan >= RESCAN_NANOS) {
            rescan();
            lastScan = clock.getAsLong();
        }
    }

    /** {@link #check()} without waiting for the re-scan interval: before a step that cannot be undone. */
    public void checkNow() {
        if (lease != null) {
            check();
            return;
        }
        rescan();
        lastScan = clock.getAsLong();
    }

    private void rescan() {
        HolderReport now = fs.holders(path);
        if (now.held()) {
            throw new ExclusivityLostException(path + ": " + now.summary() + " opened the image while vmdisk was changing"
                    + " it; vmdisk stopped", now);
        }
        if (now.unchecked() > 0) {
            throw new ExclusivityLostException(path + ": a process vmdisk cannot check appeared while it was changing the"
                    + " image (" + now.uncheckedWarning() + "); vmdisk stopped", now);
        }
    }

    /**
     * After a step that cannot be undone (a rename, an unlink): false when the lease shows that another
     * process opened the file meanwhile, so the caller puts things back. Always true without a lease
     * (nothing to tell; the scans before the step are all there is).
     */
    public boolean intactAfterward() {
        return lease == null || lease.intact();
    }

    /** Releases the lease (a waiting opener proceeds), then the lock. */
    @Override
    public void close() {
        try {
            if (lease != null) {
                lease.close();
            }
        } finally {
            lock.close();
        }
    }

    /** Throws an {@link ImageInUseException} naming the holders when {@code report} found any. */
    public static HolderReport refuseIfHeld(Path image, HolderReport report) {
        if (report.held()) {
            throw new ImageInUseException(image + ": in use, " + report.summary()
                    + "; " + report.remedy() + ", nothing was changed", report);
        }
        return report;
    }

    /** Takes the exclusive lock; a conflicting lock is reported with the processes holding the image. */
    private static ExclusiveLock lock(NativeFs fs, NativeFile file) {
        try {
            return file.lockExclusive();
        } catch (ImageInUseException e) {
            HolderReport holders = fs.holders(file.path());
            throw new ImageInUseException(e.getMessage() + (holders.held() ? "; " + holders.summary() : "")
                    + "; stop it first", holders);
        }
    }
}
