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
import java.util.Set;

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
                    + "; stop the VM (or other process) first, nothing was changed", report);
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
     * the owner asked for it to stay as it is. A read-only volume is refused when opening (EROFS).
     */
    static void refuseIfReadOnly(Path image) {
        boolean writable;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(image);
            writable = perms.contains(PosixFilePermission.OWNER_WRITE) && Files.isWritable(image);
        } catch (UnsupportedOperationException | IOException e) {
            writable = Files.isWritable(image);
        }
        if (!writable && Files.isRegularFile(image)) {
            throw new EnvironmentException(image + ": the file is read-only; make it writable (chmod u+w) to compact it");
        }
    }
}
