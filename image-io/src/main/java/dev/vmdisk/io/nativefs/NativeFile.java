package dev.vmdisk.io.nativefs;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * An open file descriptor owned by vmdisk. Offsets and lengths are in bytes.
 * Not thread-safe for {@link #close()}; the other calls may be made from several threads.
 */
public interface NativeFile extends Closeable {

    Path path();

    FileId id();

    /** The file's length ({@code st_size}). */
    long apparentSize();

    /** Bytes the file system has allocated for the file ({@code st_blocks * 512}), as {@code du} counts them. */
    long allocatedBytes();

    /** The first offset {@code >= from} that holds data ({@code SEEK_DATA}), or -1 when there is none. */
    long nextData(long from);

    /** The first offset {@code >= from} that is a hole ({@code SEEK_HOLE}); the file's size at the end. */
    long nextHole(long from);

    /**
     * False when the host file system answered {@code SEEK_DATA}/{@code SEEK_HOLE} with "cannot" (HFS+, some
     * FUSE): {@link #nextData} and {@link #nextHole} then give the whole file as one data extent (see
     * {@link HoleSeek}), so a zero scan reads every byte. Meaningful after the first seek.
     */
    default boolean seeksHoles() {
        return true;
    }

    /**
     * Reads into {@code dst} from {@code position} ({@code pread}), as far as {@code dst.remaining()} or the
     * file's end, and advances {@code dst}'s position by the bytes read.
     *
     * @return bytes read, or -1 when {@code position} is at or past the end of the file
     */
    int read(ByteBuffer dst, long position);

    /**
     * Writes all of {@code src} at {@code position} ({@code pwrite}, repeated until done) through this
     * descriptor, so a write under vmdisk's own lease is no second open of the file. Callers write only
     * inside the file: a write never extends it. Advances {@code src}'s position.
     *
     * @throws dev.vmdisk.io.EnvironmentException when the OS refuses (no space on a file with holes, I/O error)
     */
    default void write(ByteBuffer src, long position) {
        throw new dev.vmdisk.io.EnvironmentException(path() + ": writing in place is not supported by this port");
    }

    /**
     * Maps {@code [offset, offset+length)} read-only and shared through this descriptor (no second open of
     * the file, which would break vmdisk's own write lease). Touching a mapped page past the end of a file
     * that shrank kills the JVM (SIGBUS), so callers map only while nothing can shrink the file: under a
     * {@link WriteLease}. {@code offset} is a multiple of the page size; the range lies inside the file.
     */
    MappedRegion mapReadOnly(long offset, long length);

    /**
     * Tries to take a write lease on this open file: the kernel's proof that no other open file of the
     * inode exists, whoever owns it, and its promise to tell vmdisk (and make the opener wait) when another
     * process opens or truncates it. Never waits.
     */
    LeaseAttempt tryWriteLease();

    /** The file system's allocation block size; hole punches are aligned to it. */
    int fsBlockSize();

    /** Bytes free for an unprivileged user on the file system holding this file. */
    long fsFreeBytes();

    /**
     * Deallocates {@code [offset, offset+length)} keeping the file's size; the range then reads as zeros.
     * Callers align both ends to {@link #fsBlockSize()} (macOS refuses unaligned ranges).
     */
    void punchHole(long offset, long length);

    /**
     * Advises the kernel that the range will be read soon, so it starts reading it ahead in one go
     * ({@code posix_fadvise(WILLNEED)}). Page faults on a mapping otherwise read only a little around
     * each fault. Best effort, never fails; the default does nothing.
     */
    default void willNeed(long offset, long length) {
    }

    /** Advises the kernel that cached pages of the range are not needed any more. Best effort, never fails. */
    void dropCache(long offset, long length);

    /**
     * Whether every page of the range is in the page cache now. A scan asks before it reads a range and
     * leaves the range cached afterwards if it was: dropping it would evict what someone else had read,
     * and cost the scan the eviction. Best effort, never fails; the default says no, so the caller drops
     * what it read.
     */
    default boolean cached(long offset, long length) {
        return false;
    }

    /** Flushes the file's data and metadata to stable storage ({@code fsync}). */
    void sync();

    /**
     * Takes vmdisk's exclusive advisory lock on the whole file without waiting.
     * Released by closing the lock or this file.
     *
     * @throws dev.vmdisk.io.ImageInUseException when another process holds a conflicting lock
     */
    ExclusiveLock lockExclusive();

    @Override
    void close();
}
