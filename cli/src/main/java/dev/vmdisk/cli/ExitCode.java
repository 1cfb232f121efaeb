package dev.vmdisk.cli;

import dev.vmdisk.io.FailureKind;
import dev.vmdisk.io.VmdiskException;

/**
 * The process exit codes every vmdisk command uses; documented in README.md and in {@code vmdisk --help}.
 * {@link #of(FailureKind)} is the one place a core failure becomes an exit code.
 */
enum ExitCode {
    /** The command did what was asked (for {@code holders}: nothing holds the image). */
    OK(0),
    /** An unexpected error: a bug in vmdisk. */
    BUG(1),
    /** The command line was wrong, or asks for something that cannot be done as given. */
    USAGE(2),
    /** The image is in use by another process; nothing was changed. */
    IN_USE(3),
    /** Bad input: not an image, corrupt or truncated data, an inconsistent file system; nothing changed. */
    BAD_INPUT(4),
    /** The environment refused: permission, no space, a file system that cannot punch holes; nothing lost. */
    ENVIRONMENT(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static ExitCode of(FailureKind kind) {
        return switch (kind) {
            case REQUEST -> USAGE;
            case IN_USE -> IN_USE;
            case BAD_INPUT -> BAD_INPUT;
            case ENVIRONMENT -> ENVIRONMENT;
        };
    }

    /** The exit code of a failure vmdisk expected. */
    static int of(VmdiskException e) {
        return of(e.kind()).code();
    }
}
