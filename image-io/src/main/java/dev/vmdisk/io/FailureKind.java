package dev.vmdisk.io;

/**
 * What kind of failure a {@link VmdiskException} is, in the core's terms. The core knows nothing of
 * the command line: the CLI maps each kind to its documented exit code in one place.
 */
public enum FailureKind {
    /** The request cannot be done as given (no base beside the image, a directory that must not be swept). */
    REQUEST,
    /** Another process holds the image; nothing was changed. */
    IN_USE,
    /** The input is not what vmdisk can work on: not an image, corrupt or truncated data, an inconsistent file system. */
    BAD_INPUT,
    /** The operating system refused: permission, no space, no hole punching, an unsupported OS. */
    ENVIRONMENT
}
