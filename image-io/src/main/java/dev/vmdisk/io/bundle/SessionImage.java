package dev.vmdisk.io.bundle;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The per-session image of a bundle ({@code sessiondata.img}): the app creates it when it is missing,
 * so removing it is the known cure for a session disk that only grows. Removed only when no process
 * holds it, under vmdisk's exclusive lock, with the same checks as a reset.
 */
public final class SessionImage {
    /** The exact file name removed by {@code vmdisk reset --sessions}; nothing else is. */
    public static final String NAME = "sessiondata.img";

    private SessionImage() {
    }

    public static boolean is(Path p) {
        return p.getFileName() != null && p.getFileName().toString().equals(NAME);
    }

    /**
     * Removes {@code image}: lock, check holders, unlink. The file is either removed or untouched.
     *
     * @return the warning about processes that could not be checked, or ""
     * @throws ImageInUseException another process holds it open, mapped or locked; it is left as it was
     */
    public static String remove(NativeFs fs, Path image) {
        try (NativeFile file = fs.open(image, Access.READ_WRITE); ExclusiveLock lock = lock(fs, image, file)) {
            HolderReport holders = fs.holders(image);
            if (holders.held()) {
                throw inUse(image, holders);
            }
            try {
                Files.delete(image);
            } catch (IOException e) {
                String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
                throw new EnvironmentException(image + ": cannot remove the session image: " + reason
                        + " (vmdisk needs write access to the bundle directory; run as its owner)", e);
            }
            return holders.uncheckedWarning();
        }
    }

    private static ExclusiveLock lock(NativeFs fs, Path image, NativeFile file) {
        try {
            return file.lockExclusive();
        } catch (ImageInUseException e) {
            HolderReport holders = fs.holders(image);
            throw holders.held() ? inUse(image, holders) : e;
        }
    }

    private static ImageInUseException inUse(Path image, HolderReport holders) {
        return new ImageInUseException(image + ": " + holders.summary()
                + "; quit the app (stop the VM) first, the session image was not removed", holders);
    }
}
