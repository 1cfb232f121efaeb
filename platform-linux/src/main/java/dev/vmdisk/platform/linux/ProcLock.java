package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;

/**
 * One granted lock as {@code /proc/locks} or a {@code lock:} line of {@code /proc/PID/fdinfo/FD} shows it.
 *
 * @param kind  FLOCK, POSIX_LOCK or OFD_LOCK
 * @param write a write (exclusive) lock, else a read (shared) one
 * @param pid   the process that took it; -1 for OFD locks, which belong to an open file, not a process
 * @param file  device and inode of the locked file
 * @param start first locked byte
 * @param end   last locked byte, or -1 for "to the end of the file, however it grows" (EOF)
 */
record ProcLock(HoldKind kind, boolean write, long pid, FileId file, long start, long end) {

    /** For people: {@code "write lock 100-100"}, {@code "read lock 0-EOF"}. A flock always reads 0-EOF. */
    String detail() {
        return (write ? "write" : "read") + " lock " + start + "-" + (end < 0 ? "EOF" : Long.toString(end));
    }

    Hold hold() {
        return new Hold(kind, detail());
    }
}
