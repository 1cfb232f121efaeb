package dev.vmdisk.io;

/** The process exit codes every vmdisk command uses; documented in README.md. */
public enum ExitCode {
    /** The command did what was asked (for {@code holders}: nothing holds the image). */
    OK(0),
    /** An unexpected error: a bug in vmdisk. */
    BUG(1),
    /** The command line was wrong. */
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

    public int code() {
        return code;
    }
}
