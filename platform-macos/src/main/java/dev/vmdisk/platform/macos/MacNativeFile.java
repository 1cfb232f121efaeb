package dev.vmdisk.platform.macos;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Errno;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.HoleSeek;
import dev.vmdisk.io.nativefs.LeaseAttempt;
import dev.vmdisk.io.nativefs.MappedRegion;
import dev.vmdisk.io.nativefs.NativeFile;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A file descriptor opened through libSystem. */
final class MacNativeFile implements NativeFile {
    /** The largest {@code ra_count} asked for in one call: a power of two that fits its {@code int}. */
    private static final long MAX_ADVISE = 1L << 30;

    private final MacLibc libc;
    private final Path path;
    private final int fd;
    private final FileId id;
    private volatile boolean closed;
    private final HoleSeek holes = new HoleSeek(this::lseek, new HoleSeek.Errnos() {
        @Override
        public int enxio() {
            return MacErrno.ENXIO;
        }

        @Override
        public boolean meansNoHoleSupport(int errno) {
            return MacErrno.holeSeekUnsupported(errno);
        }

        @Override
        public VmdiskException failure(String call, int errno) {
            return MacErrno.of(libc, path, call, errno);
        }
    }, this::apparentSize);

    MacNativeFile(MacLibc libc, Path path, int fd, FileId id) {
        this.libc = libc;
        this.path = path;
        this.fd = fd;
        this.id = id;
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
        return fstat().size();
    }

    @Override
    public long allocatedBytes() {
        return fstat().blocks512() * 512L;
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
        } while (n < 0 && Native.getLastError() == MacErrno.EINTR);
        if (n < 0) {
            throw MacErrno.last(libc, path, "pread at " + position);
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
            if (n < 0 && Native.getLastError() == MacErrno.EINTR) {
                continue;
            }
            if (n <= 0) {
                throw MacErrno.last(libc, path, "pwrite at " + at);
            }
            done += n;
        }
        src.position(src.position() + want);
    }

    @Override
    public MappedRegion mapReadOnly(long offset, long length) {
        Pointer p = libc.mmap(null, length, MacLibc.PROT_READ, MacLibc.MAP_SHARED, fd, offset);
        if (p == null || Pointer.nativeValue(p) == -1L) {
            throw MacErrno.last(libc, path, "mmap of " + length + " bytes at " + offset);
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
     * No lease on macOS, for now: exclusivity rests on the flock and repeated holder scans. Newer xnu
     * sources carry a file-lease test suite (tests/vfs/file_leases.c), so a lease fcntl may exist on recent
     * macOS; its semantics (what breaks it, who may take it) are not in the platform facts and cannot be
     * tried here, so vmdisk does not rely on it until they are checked on a Mac.
     */
    @Override
    public LeaseAttempt tryWriteLease() {
        return LeaseAttempt.refused(LeaseAttempt.Refusal.UNSUPPORTED, "macOS offers no file leases");
    }

    /** The descriptor, for a call on this open file ({@code fclonefileat}). */
    int fd() {
        return fd;
    }

    private MacStat fstat() {
        return fstat(libc, path, fd);
    }

    static MacStat fstat(MacLibc libc, Path path, int fd) {
        Memory m = new Memory(MacStat.SIZE);
        m.clear();
        if (libc.fstat(fd, m) != 0) {
            throw MacErrno.last(libc, path, "fstat");
        }
        return MacStat.decode(m.getByteBuffer(0, MacStat.SIZE));
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
        long r = libc.lseek(fd, from, data ? MacLibc.SEEK_DATA : MacLibc.SEEK_HOLE);
        return r >= 0 ? r : -Native.getLastError();
    }

    @Override
    public int fsBlockSize() {
        return (int) statfs().blockSize();
    }

    @Override
    public long fsFreeBytes() {
        return statfs().freeBytes();
    }

    private MacStatfs statfs() {
        Memory m = new Memory(MacStatfs.SIZE);
        m.clear();
        if (libc.fstatfs(fd, m) != 0) {
            throw MacErrno.last(libc, path, "fstatfs");
        }
        return MacStatfs.decode(m.getByteBuffer(0, MacStatfs.SIZE));
    }

    /**
     * {@code fcntl(F_PUNCHHOLE)} over the whole blocks of the range that lie inside the file (see
     * {@link PunchRequest}). HFS+ has no support (ENOTTY), nor have file systems without an ioctl (ENOTSUP);
     * APFS may refuse with ENOSPC on a volume with clones. The errno is read right after the call, before
     * anything else can overwrite it.
     */
    @Override
    public void punchHole(long offset, long length) {
        if (length == 0) {
            return;
        }
        long block = fsBlockSize();
        PunchRequest req = PunchRequest.within(offset, length, apparentSize(), block);
        if (req.isEmpty()) {
            return;
        }
        byte[] arg = Fpunchhole.of(req.offset(), req.length()).encode();
        Memory m = new Memory(Fpunchhole.SIZE);
        m.write(0, arg, 0, arg.length);
        if (libc.fcntl(fd, MacLibc.F_PUNCHHOLE, m) != 0) {
            int errno = Native.getLastError();
            String call = "fcntl(F_PUNCHHOLE) at offset " + req.offset() + " length " + req.length();
            if (errno == MacErrno.EINVAL) {
                call += req.einvalReason(block);
            } else if (MacErrno.kind(errno) == Errno.Kind.NOT_SUPPORTED) {
                call += " on " + statfs().fsTypeName();
            }
            throw MacErrno.of(libc, path, call, errno);
        }
    }

    /**
     * {@code fcntl(F_RDADVISE)}: the kernel starts reading the range into the cache and returns, so the
     * zero scan has reads in flight ahead of its workers ({@code ReadAhead} in the core). Its count is an
     * {@code int}, hence one call per 1 GiB at most. Advice only: a file system that refuses it is read
     * when the scan gets there.
     */
    @Override
    public void willNeed(long offset, long length) {
        long end = offset + length;
        Memory m = new Memory(Radvisory.SIZE);
        for (long at = offset; at < end; at += MAX_ADVISE) {
            byte[] arg = new Radvisory(at, (int) Math.min(MAX_ADVISE, end - at)).encode();
            m.write(0, arg, 0, arg.length);
            libc.fcntl(fd, MacLibc.F_RDADVISE, m); // advice only: the result does not matter
        }
    }

    /**
     * Nothing: macOS has no {@code posix_fadvise}. {@code F_NOCACHE} only changes how later I/O through
     * this descriptor is cached, and vmdisk reads through Java's own channel, so it would not help.
     */
    @Override
    public void dropCache(long offset, long length) {
        // intentionally empty, see above
    }

    /**
     * {@code F_FULLFSYNC}: on macOS plain {@code fsync} leaves data in the drive's cache. File systems
     * that cannot do it (network, some FUSE) refuse; then {@code fsync} is the best there is.
     */
    @Override
    public void sync() {
        if (libc.fcntl(fd, MacLibc.F_FULLFSYNC) == 0) {
            return;
        }
        if (libc.fsync(fd) != 0) {
            throw MacErrno.last(libc, path, "fsync");
        }
    }

    /**
     * Takes a {@code flock(LOCK_EX | LOCK_NB)}. It belongs to this open file description, so closing another
     * descriptor of the file (Java's channel) cannot drop it, unlike a classic POSIX lock. One lock is enough
     * on macOS: xnu keeps flock, POSIX and OFD locks in one list per vnode ({@code bsd/kern/kern_lockf.c},
     * {@code lf_advlock} works on {@code vp->v_lockf} for all three), so a whole-file flock also conflicts
     * with QEMU's byte-range fcntl locks. On Linux the kinds are independent, hence two locks there.
     */
    @Override
    public ExclusiveLock lockExclusive() {
        if (libc.flock(fd, MacLibc.LOCK_EX | MacLibc.LOCK_NB) != 0) {
            int errno = Native.getLastError();
            if (errno == MacErrno.EAGAIN) {
                String who = conflictingLock();
                throw new ImageInUseException(path + ": another process holds a lock on it ("
                        + (who.isEmpty() ? "flock" : who) + "); stop the VM or tool using it first", null);
            }
            throw MacErrno.of(libc, path, "flock", errno);
        }
        return () -> {
            if (!closed) {
                libc.flock(fd, MacLibc.LOCK_UN);
            }
        };
    }

    /** What {@code F_GETLK} says conflicts with a whole-file write lock, for the message; "" when unknown. */
    private String conflictingLock() {
        byte[] req = Flock.wholeFileWrite().encode();
        Memory m = new Memory(Flock.SIZE);
        m.write(0, req, 0, req.length);
        if (libc.fcntl(fd, MacLibc.F_GETLK, m) != 0) {
            return "";
        }
        return Flock.decode(m.getByteBuffer(0, Flock.SIZE)).describeConflict();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
