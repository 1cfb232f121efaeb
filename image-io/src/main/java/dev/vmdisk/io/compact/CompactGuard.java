package dev.vmdisk.io.compact;

import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/** The check every compaction makes before opening an image to change it: it may be written. */
final class CompactGuard {
    private CompactGuard() {
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
