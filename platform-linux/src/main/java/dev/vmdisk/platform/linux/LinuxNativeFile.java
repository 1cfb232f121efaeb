package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.NativeFile;

import java.nio.file.Path;

/** A file descriptor opened through glibc. */
final class LinuxNativeFile implements NativeFile {
    private final LinuxLibc libc;
    private final Path path;
    private final int fd;
    private final FileId id;
    private volatile boolean closed;

    LinuxNativeFile(LinuxLibc libc, Path path, int fd, FileId id) {
        this.libc = libc;
        this.path = path;
        this.fd = fd;
        this.id = id;
    }

    int fd() {
        return fd;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public FileId id() {
        return id;
    }

    @Override
    public long apparentSize() {
        return Statx.of(libc, path, fd).size();
    }

    @Override
    public long allocatedBytes() {
        return Statx.of(libc, path, fd).blocks512() * 512L;
    }

    @Override
    public long nextData(long from) {
        long r = libc.lseek(fd, from, LinuxLibc.SEEK_DATA);
        if (r < 0) {
            int errno = Native.getLastError();
            if (errno == LinuxErrno.ENXIO) {
                return -1; // no data at or after 'from'
            }
            throw LinuxErrno.of(path, "lseek(SEEK_DATA)", errno);
        }
        return r;
    }

    @Override
    public long nextHole(long from) {
        long r = libc.lseek(fd, from, LinuxLibc.SEEK_HOLE);
        if (r < 0) {
            int errno = Native.getLastError();
            if (errno == LinuxErrno.ENXIO) {
                return apparentSize(); // 'from' is at or past the end: the implicit hole
            }
            throw LinuxErrno.of(path, "lseek(SEEK_HOLE)", errno);
        }
        return r;
    }

    @Override
    public int fsBlockSize() {
        return (int) statvfs().getLong(StatvfsLayout.F_BSIZE);
    }

    @Override
    public long fsFreeBytes() {
        Memory m = statvfs();
        return m.getLong(StatvfsLayout.F_BAVAIL) * m.getLong(StatvfsLayout.F_FRSIZE);
    }

    private Memory statvfs() {
        Memory m = new Memory(StatvfsLayout.SIZE);
        if (libc.fstatvfs(fd, m) != 0) {
            throw LinuxErrno.last(path, "fstatvfs");
        }
        return m;
    }

    @Override
    public void punchHole(long offset, long length) {
        if (libc.fallocate(fd, LinuxLibc.FALLOC_FL_PUNCH_HOLE | LinuxLibc.FALLOC_FL_KEEP_SIZE, offset, length) != 0) {
            throw LinuxErrno.last(path, "fallocate(PUNCH_HOLE) at " + offset);
        }
    }

    @Override
    public void willNeed(long offset, long length) {
        libc.posix_fadvise(fd, offset, length, LinuxLibc.POSIX_FADV_WILLNEED); // advice only
    }

    @Override
    public void dropCache(long offset, long length) {
        libc.posix_fadvise(fd, offset, length, LinuxLibc.POSIX_FADV_DONTNEED); // advice only: the result does not matter
    }

    @Override
    public void sync() {
        if (libc.fsync(fd) != 0) {
            throw LinuxErrno.last(path, "fsync");
        }
    }

    /**
     * Takes a {@code flock} (what other vmdisk runs and most tools check) and a whole-file OFD write
     * lock (which conflicts with QEMU's OFD locks). Both belong to this open file description, so
     * closing some other descriptor of the same file (Java's channel) cannot drop them, unlike
     * classic POSIX locks.
     */
    @Override
    public ExclusiveLock lockExclusive() {
        if (libc.flock(fd, LinuxLibc.LOCK_EX | LinuxLibc.LOCK_NB) != 0) {
            int errno = Native.getLastError();
            if (errno == LinuxErrno.EAGAIN) {
                throw new ImageInUseException(path + ": another process holds a lock on it (flock)", null);
            }
            throw LinuxErrno.of(path, "flock", errno);
        }
        Memory fl = ofdLock(LinuxLibc.F_WRLCK);
        if (libc.fcntl(fd, LinuxLibc.F_OFD_SETLK, fl) != 0) {
            int errno = Native.getLastError();
            libc.flock(fd, LinuxLibc.LOCK_UN);
            if (errno == LinuxErrno.EAGAIN || errno == LinuxErrno.EACCES) {
                throw new ImageInUseException(path + ": another process holds a lock on it (fcntl OFD lock, as QEMU takes)", null);
            }
            throw LinuxErrno.of(path, "fcntl(F_OFD_SETLK)", errno);
        }
        return () -> {
            if (!closed) {
                libc.fcntl(fd, LinuxLibc.F_OFD_SETLK, ofdLock(LinuxLibc.F_UNLCK));
                libc.flock(fd, LinuxLibc.LOCK_UN);
            }
        };
    }

    /** A whole-file {@code struct flock} of the given type. */
    static Memory ofdLock(short type) {
        Memory fl = new Memory(FlockLayout.SIZE);
        fl.clear();
        fl.setShort(FlockLayout.L_TYPE, type);
        fl.setShort(FlockLayout.L_WHENCE, (short) 0);
        fl.setLong(FlockLayout.L_START, 0);
        fl.setLong(FlockLayout.L_LEN, 0); // 0 = to the end, however the file grows
        return fl;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
