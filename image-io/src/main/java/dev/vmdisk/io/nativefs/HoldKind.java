package dev.vmdisk.io.nativefs;

/** The ways a process can hold a file. */
public enum HoldKind {
    /** An open file descriptor. */
    OPEN,
    /** A memory mapping of the file. */
    MAPPED,
    /** A BSD {@code flock} lock. */
    FLOCK,
    /** A POSIX {@code fcntl} record lock, owned by the process. */
    POSIX_LOCK,
    /** An open-file-description {@code fcntl} lock (as QEMU takes them). */
    OFD_LOCK,
    /** A loop device backed by the file ({@code losetup}, {@code mount -o loop}): the kernel holds it, pid 0. */
    LOOP_DEVICE;

    /** The lower-case word used in text and JSON output: "open", "mapped", "flock", "posix-lock", "ofd-lock", "loop-device". */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
