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
    LOOP_DEVICE,
    /**
     * A descriptor opened for event notifications only (macOS {@code O_EVTONLY}: Spotlight, an editor or a
     * file watcher). It can neither read nor write the file and does not keep its volume from unmounting,
     * so it is shown but does not block compact or reset ({@link #blocks()}); Apple's own
     * {@code proc_listpidspath} has {@code PROC_LISTPIDSPATH_EXCLUDE_EVTONLY} to skip the same descriptors.
     */
    WATCH;

    /** Whether a hold of this kind keeps vmdisk from changing the file: every kind but {@link #WATCH}. */
    public boolean blocks() {
        return this != WATCH;
    }

    /** The lower-case word used in text and JSON output: "open", "mapped", "flock", "posix-lock", "ofd-lock", "loop-device", "watch". */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
