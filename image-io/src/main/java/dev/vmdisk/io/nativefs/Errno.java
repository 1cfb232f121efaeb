package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.VmdiskException;

/**
 * Turns a failed native call into the project's exception. The platforms classify their own errno
 * numbers (they differ between Linux and macOS) into a {@link Kind}; the message is the same everywhere:
 * {@code <path>: <call>: <strerror>}.
 */
public final class Errno {
    /** What an errno means for the user. */
    public enum Kind {
        /** ENOENT, ENOTDIR: the path does not name a file. Bad input. */
        NOT_FOUND,
        /** EISDIR and friends: not something vmdisk can work on. Bad input. */
        NOT_A_FILE,
        /** EACCES, EPERM. */
        PERMISSION,
        /** EROFS. */
        READ_ONLY,
        /** ENOSPC, EDQUOT. */
        NO_SPACE,
        /** EOPNOTSUPP, ENOTSUP, ENOSYS: the file system cannot do it. */
        NOT_SUPPORTED,
        /** Anything else the OS refused. */
        OTHER
    }

    private Errno() {
    }

    public static VmdiskException failure(java.nio.file.Path path, String call, Kind kind, String strerror) {
        return failure(path, call, kind, strerror, remedy(kind));
    }

    /**
     * As {@link #failure(java.nio.file.Path, String, Kind, String)} with the platform's own remedy, for an errno
     * whose likely cause differs by OS (macOS's EPERM is privacy protection far more often than ownership).
     */
    public static VmdiskException failure(java.nio.file.Path path, String call, Kind kind, String strerror, String remedy) {
        String message = path + ": " + call + ": " + strerror + remedy;
        return switch (kind) {
            case NOT_FOUND, NOT_A_FILE -> new BadInputException(message);
            default -> new EnvironmentException(message);
        };
    }

    private static String remedy(Kind kind) {
        return switch (kind) {
            case PERMISSION -> " (run as the image's owner, or as root)";
            case READ_ONLY -> " (the file or its volume is read-only)";
            case NO_SPACE -> " (free some space on the volume)";
            case NOT_SUPPORTED -> " (this file system cannot do that)";
            default -> "";
        };
    }
}
