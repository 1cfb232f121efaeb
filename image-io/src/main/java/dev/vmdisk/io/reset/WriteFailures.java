package dev.vmdisk.io.reset;

import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/** Turns an I/O failure on the image's side (the temporary file, the directory) into the project's exception. */
final class WriteFailures {
    private WriteFailures() {
    }

    static boolean isNoSpace(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("no space left") || m.contains("disk quota exceeded") || m.contains("file too large");
    }

    /** {@code EFBIG}: the file would be longer than the file system allows one file to be. */
    static boolean isTooLarge(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("file too large");
    }

    static boolean isPermission(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e instanceof AccessDeniedException || m.contains("permission denied") || m.contains("operation not permitted")
                || m.contains("read-only file system");
    }

    /** @param doing what vmdisk was doing, e.g. "creating the temporary file" */
    static EnvironmentException of(Path path, String doing, IOException e) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        if (isPermission(e)) {
            return new EnvironmentException(path + ": " + doing + ": " + reason
                    + " (vmdisk needs write access to the image's directory; run as the image's owner, or as root)", e);
        }
        if (isNoSpace(e)) {
            return new EnvironmentException(path + ": " + doing + ": " + reason + " (free some space on the volume)", e);
        }
        return new EnvironmentException(path + ": " + doing + ": " + reason, e);
    }
}
