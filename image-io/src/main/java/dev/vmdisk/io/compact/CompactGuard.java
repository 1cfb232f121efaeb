package dev.vmdisk.io.compact;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The safety checks every compaction makes before changing an image: no other process holds it,
 * vmdisk's exclusive lock is taken, and the holders are checked again after the lock (a process that
 * opened the image between the first check and the lock is caught by the second).
 */
final class CompactGuard {
    private CompactGuard() {
    }

    /** Throws an {@link ImageInUseException} naming the holders when {@code report} found any. */
    static HolderReport refuseIfHeld(Path image, HolderReport report) {
        if (report.held()) {
            throw new ImageInUseException(image + ": in use, " + report.summary()
                    + "; " + report.remedy() + ", nothing was changed", report);
        }
        return report;
    }

    /** Takes the exclusive lock; a conflicting lock is reported with the processes holding the image. */
    static ExclusiveLock lock(NativeFs fs, NativeFile file) {
        try {
            return file.lockExclusive();
        } catch (ImageInUseException e) {
            HolderReport holders = fs.holders(file.path());
            throw new ImageInUseException(e.getMessage() + (holders.held() ? "; " + holders.summary() : "")
                    + "; stop it first", holders);
        }
    }

    /**
     * A file without write permission is refused up front, even for root (who could write it anyway):
     * the owner asked for it to stay as it is. So is a file that cannot be written for another reason,
     * mostly a read-only mount, with a message that says so.
     */
    static void refuseIfReadOnly(Path image) {
        if (!Files.isRegularFile(image)) {
            return; // opening it says what it is
        }
        boolean ownerMayWrite;
        try {
            ownerMayWrite = Files.getPosixFilePermissions(image).contains(PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            ownerMayWrite = true; // no POSIX permissions here: only the access check below counts
        }
        if (!ownerMayWrite) {
            throw new EnvironmentException(image + ": the file is read-only; make it writable (chmod u+w) to compact it");
        }
        if (!Files.isWritable(image)) {
            // Owner-writable but not writable now: a read-only mount, or a file of another user.
            throw new EnvironmentException(image + ": cannot write it (its volume is mounted read-only, or it belongs"
                    + " to another user); remount the volume read-write or run as the image's owner");
        }
    }
}
