package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.VmdiskException;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of {@link NativeFile} over bytes in memory whose "file system" answers every
 * {@code SEEK_DATA}/{@code SEEK_HOLE} with one errno, as HFS+ (ENOTTY 25), a file system without an ioctl
 * (ENOTSUP 45) or macFUSE (EINVAL 22) do on macOS. Its seeks go through the ports' shared {@link HoleSeek},
 * so what is tested is the code both ports run. Only what a zero scan and an inspection need is here.
 */
public final class NoHoleSeekFile implements NativeFile {
    /** The errnos a port calls "no hole support"; the same numbers the macOS port uses. */
    public static final int ENOTTY = 25;
    public static final int EINVAL = 22;
    public static final int ENOTSUP = 45;
    public static final int EIO = 5;
    static final int ENXIO = 6;

    private final byte[] bytes;
    private final int seekErrno;
    public final AtomicInteger seeks = new AtomicInteger();
    private final HoleSeek holes;

    public NoHoleSeekFile(byte[] bytes, int seekErrno) {
        this.bytes = bytes;
        this.seekErrno = seekErrno;
        this.holes = new HoleSeek((from, data) -> {
            seeks.incrementAndGet();
            return -seekErrno;
        }, new HoleSeek.Errnos() {
            @Override
            public int enxio() {
                return ENXIO;
            }

            @Override
            public boolean meansNoHoleSupport(int errno) {
                return errno == ENOTTY || errno == ENOTSUP || errno == EINVAL;
            }

            @Override
            public VmdiskException failure(String call, int errno) {
                return new EnvironmentException(path() + ": " + call + ": errno " + errno);
            }
        }, this::apparentSize);
    }

    @Override
    public Path path() {
        return Path.of("hfs-volume", "rootfs.img");
    }

    @Override
    public FileId id() {
        return new FileId(1, 2);
    }

    @Override
    public long apparentSize() {
        return bytes.length;
    }

    @Override
    public long allocatedBytes() {
        return bytes.length;
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

    @Override
    public int read(ByteBuffer dst, long position) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - position);
        dst.put(bytes, (int) position, n);
        return n;
    }

    @Override
    public MappedRegion mapReadOnly(long offset, long length) {
        throw new UnsupportedOperationException("read-only scans copy, they never map");
    }

    @Override
    public LeaseAttempt tryWriteLease() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int fsBlockSize() {
        return 4096;
    }

    @Override
    public long fsFreeBytes() {
        return 0;
    }

    @Override
    public void punchHole(long offset, long length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void dropCache(long offset, long length) {
    }

    @Override
    public void sync() {
    }

    @Override
    public ExclusiveLock lockExclusive() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
