package dev.vmdisk.io.nativefs;

/**
 * A kernel write lease on an open file (Linux {@code fcntl(F_SETLEASE, F_WRLCK)}). Granted only while no
 * other open file of the inode exists, whoever owns it (a process of another user, a mapping whose
 * descriptor was closed, a loop device): a proof, not an inference. When another process then opens or
 * truncates the file, the kernel makes that call wait and marks the lease as breaking; vmdisk polls
 * {@link #intact()} between steps, stops, and releases it by closing, after which the opener proceeds.
 * The kernel waits {@code /proc/sys/fs/lease-break-time} seconds (45 by default) before it takes the lease
 * away by force, so every step between two polls must be much shorter than that.
 */
public interface WriteLease extends AutoCloseable {
    /** True while no other process has tried to open or truncate the file since the lease was granted. */
    boolean intact();

    /** Releases the lease; a process waiting to open the file proceeds. Idempotent. */
    @Override
    void close();
}
