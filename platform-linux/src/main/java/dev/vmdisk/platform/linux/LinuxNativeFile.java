package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.HoleSeek;
import dev.vmdisk.io.nativefs.LeaseAttempt;
import dev.vmdisk.io.nativefs.MappedRegion;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.WriteLease;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A file descriptor opened through glibc. */
final class LinuxNativeFile implements NativeFile {
    private final LinuxLibc libc;
    private final Path path;
    private final int fd;
    private final FileId id;
    private volatile boolean closed;
    /** Bytes one WILLNEED call reads at most on this file's device; 0 until first needed. */
    private volatile long readAheadPiece;
    /** The page size, for {@link #cached}; 0 until first needed. */
    private volatile long pageSize;
    private final HoleSeek holes = new HoleSeek(this::lseek, new HoleSeek.Errnos() {
        @Override
        public int enxio() {
            return LinuxErrno.ENXIO;
        }

        @Override
        public boolean meansNoHoleSupport(int errno) {
            return errno == LinuxErrno.EOPNOTSUPP || errno == LinuxErrno.ENOTTY || errno == LinuxErrno.EINVAL;
        }

        @Override
        public VmdiskException failure(String call, int errno) {
            return LinuxErrno.of(path, call, errno);
        }
    }, this::apparentSize);

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
        return holes.nextData(from);
    }

    @Override
    public long nextHole(long from) {
        return holes.nextHole(from);
    }

    @Override
    public boolean seeksHoles() {
        return holes.seeksHoles();
    }

    /** The raw lseek for {@link HoleSeek}: the offset, or -errno read right after the call. */
    private long lseek(long from, boolean data) {
        long r = libc.lseek(fd, from, data ? LinuxLibc.SEEK_DATA : LinuxLibc.SEEK_HOLE);
        return r >= 0 ? r : -Native.getLastError();
    }

    @Override
    public int read(ByteBuffer dst, long position) {
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        Pointer target = dst.isDirect() ? Native.getDirectBufferPointer(dst).share(dst.position()) : new Memory(want);
        long n;
        do {
            n = libc.pread(fd, target, want, position);
        } while (n < 0 && Native.getLastError() == LinuxErrno.EINTR);
        if (n < 0) {
            throw LinuxErrno.last(path, "pread at " + position);
        }
        if (n == 0) {
            return -1;
        }
        if (!dst.isDirect()) {
            target.read(0, dst.array(), dst.arrayOffset() + dst.position(), (int) n);
        }
        dst.position(dst.position() + (int) n);
        return (int) n;
    }

    @Override
    public void write(ByteBuffer src, long position) {
        int want = src.remaining();
        if (want == 0) {
            return;
        }
        Memory buf = new Memory(want);
        byte[] bytes = new byte[want];
        src.get(src.position(), bytes);
        buf.write(0, bytes, 0, want);
        long done = 0;
        while (done < want) {
            long at = position + done;
            long n = libc.pwrite(fd, buf.share(done), want - done, at);
            if (n < 0 && Native.getLastError() == LinuxErrno.EINTR) {
                continue;
            }
            if (n <= 0) {
                throw LinuxErrno.last(path, "pwrite at " + at);
            }
            done += n;
        }
        src.position(src.position() + want);
    }

    @Override
    public MappedRegion mapReadOnly(long offset, long length) {
        Pointer p = libc.mmap(null, length, LinuxLibc.PROT_READ, LinuxLibc.MAP_SHARED, fd, offset);
        if (p == null || Pointer.nativeValue(p) == -1L) {
            throw LinuxErrno.last(path, "mmap of " + length + " bytes at " + offset);
        }
        ByteBuffer buffer = p.getByteBuffer(0, length);
        return new MappedRegion() {
            private boolean unmapped;

            @Override
            public ByteBuffer buffer() {
                return buffer;
            }

            @Override
            public void close() {
                if (!unmapped) {
                    unmapped = true;
                    libc.munmap(p, length);
                }
            }
        };
    }

    /**
     * {@code F_SETLEASE F_WRLCK} on this descriptor. The break signal is set to SIGURG first, every time:
     * releasing a lease resets it to SIGIO, whose default action would end the JVM.
     */
    @Override
    public LeaseAttempt tryWriteLease() {
        if (libc.fcntl(fd, LinuxLibc.F_SETSIG, LinuxLibc.SIGURG) != 0) {
            return LeaseAttempt.refused(LeaseAttempt.Refusal.UNSUPPORTED, "F_SETSIG: " + libc.strerror(Native.getLastError()));
        }
        if (libc.fcntl(fd, LinuxLibc.F_SETLEASE, LinuxLibc.F_WRLCK) != 0) {
            int errno = Native.getLastError();
            LeaseAttempt.Refusal why = switch (errno) {
                case LinuxErrno.EAGAIN -> LeaseAttempt.Refusal.HELD;
                case LinuxErrno.EACCES, LinuxErrno.EPERM -> LeaseAttempt.Refusal.NOT_PERMITTED;
                default -> LeaseAttempt.Refusal.UNSUPPORTED;
            };
            return LeaseAttempt.refused(why, "F_SETLEASE: " + libc.strerror(errno));
        }
        return LeaseAttempt.granted(new WriteLease() {
            private volatile boolean released;

            @Override
            public boolean intact() {
                // While another process waits to open the file, F_GETLEASE reports the type the lease is
                // being broken to (F_UNLCK, or F_RDLCK for a reader), not F_WRLCK.
                return !released && !closed && libc.fcntl(fd, LinuxLibc.F_GETLEASE, 0) == LinuxLibc.F_WRLCK;
            }

            @Override
            public void close() {
                if (!released) {
                    released = true;
                    if (!closed) {
                        libc.fcntl(fd, LinuxLibc.F_SETLEASE, LinuxLibc.F_UNLCK);
                    }
                }
            }
        });
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

    /**
     * One call per piece the kernel reads whole ({@link ReadAheadLimit}): a larger call reads its first
     * piece only, and the scan would then wait for page faults to read the rest, one at a time.
     */
    @Override
    public void willNeed(long offset, long length) {
        long piece = readAheadPiece;
        if (piece == 0) {
            Statx st = Statx.of(libc, path, fd);
            piece = ReadAheadLimit.of(st.devMajor(), st.devMinor());
            readAheadPiece = piece;
        }
        long end = offset + length;
        for (long at = offset; at < end; at += piece) {
            libc.posix_fadvise(fd, at, Math.min(piece, end - at), LinuxLibc.POSIX_FADV_WILLNEED); // advice only
        }
    }

    @Override
    public void dropCache(long offset, long length) {
        libc.posix_fadvise(fd, offset, length, LinuxLibc.POSIX_FADV_DONTNEED); // advice only: the result does not matter
    }

    /**
     * {@code mincore(2)} on a mapping of the range made for the question: mapping reads nothing and
     * mincore faults nothing in, so the answer is what was cached before. A range whose vector would not
     * fit one array, or a call that fails, counts as not cached (the caller then drops it, as before).
     */
    @Override
    public boolean cached(long offset, long length) {
        if (length <= 0) {
            return true;
        }
        long page = pageSize();
        long start = offset & -page;
        long span = offset + length - start;
        long pages = (span + page - 1) / page;
        if (pages > Integer.MAX_VALUE - 8) {
            return false;
        }
        Pointer p = libc.mmap(null, span, LinuxLibc.PROT_READ, LinuxLibc.MAP_SHARED, fd, start);
        if (p == null || Pointer.nativeValue(p) == -1L) {
            return false;
        }
        try {
            byte[] vec = new byte[(int) pages];
            if (libc.mincore(p, span, vec) != 0) {
                return false;
            }
            for (byte b : vec) {
                if ((b & 1) == 0) {
                    return false;
                }
            }
            return true;
        } finally {
            libc.munmap(p, span);
        }
    }

    private long pageSize() {
        long page = pageSize;
        if (page == 0) {
            page = libc.getpagesize();
            pageSize = page;
        }
        return page;
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
