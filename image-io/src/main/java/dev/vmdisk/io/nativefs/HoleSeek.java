package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.VmdiskException;

import java.util.function.LongSupplier;

/**
 * {@code SEEK_DATA}/{@code SEEK_HOLE} turned into offsets, written once for every POSIX port; each port
 * supplies only the raw call and its errno numbers.
 *
 * <p>{@code ENXIO} is the end: no data at or after the offset (or, for {@code SEEK_HOLE}, the offset is at
 * the end). A file system that cannot answer at all is not an error: the whole file is then data, as if it
 * had no holes, and {@link #seeksHoles()} turns false so reports can say zero detection read the whole
 * file. That is what macOS needs: xnu hands the seek to the file system and passes its error back unchanged
 * ({@code vfs_syscalls.c}), so HFS+ answers {@code ENOTTY}, file systems without an ioctl {@code ENOTSUP}
 * and macFUSE {@code EINVAL}, where one might expect a single data region. Before this, {@code inspect},
 * {@code status} and {@code compact} failed on such a volume.
 */
public final class HoleSeek {

    /** The port's raw {@code lseek(fd, from, SEEK_DATA or SEEK_HOLE)}. */
    public interface RawSeek {
        /** The offset found, or {@code -errno} when the call failed (read right after the call, never stale). */
        long seek(long from, boolean data);
    }

    /** The port's errno numbers and messages. */
    public interface Errnos {
        int enxio();

        /** Whether {@code errno} from {@code SEEK_DATA}/{@code SEEK_HOLE} says the file system cannot seek holes. */
        boolean meansNoHoleSupport(int errno);

        VmdiskException failure(String call, int errno);
    }

    private final RawSeek raw;
    private final Errnos errnos;
    private final LongSupplier size;
    private volatile boolean wholeFileIsData;

    public HoleSeek(RawSeek raw, Errnos errnos, LongSupplier size) {
        this.raw = raw;
        this.errnos = errnos;
        this.size = size;
    }

    /** See {@link NativeFile#nextData(long)}. */
    public long nextData(long from) {
        if (!wholeFileIsData) {
            long r = raw.seek(from, true);
            if (r >= 0) {
                return r;
            }
            int errno = (int) -r;
            if (errno == errnos.enxio()) {
                return -1; // no data at or after 'from'
            }
            failUnlessNoHoleSupport("lseek(SEEK_DATA) at " + from, errno);
        }
        return from < size.getAsLong() ? from : -1;
    }

    /** See {@link NativeFile#nextHole(long)}. */
    public long nextHole(long from) {
        if (!wholeFileIsData) {
            long r = raw.seek(from, false);
            if (r >= 0) {
                return r;
            }
            int errno = (int) -r;
            if (errno != errnos.enxio()) {
                failUnlessNoHoleSupport("lseek(SEEK_HOLE) at " + from, errno);
            }
        }
        return size.getAsLong(); // the implicit hole at the end
    }

    /** False once the file system said it cannot seek holes: every byte of the file was then taken as data. */
    public boolean seeksHoles() {
        return !wholeFileIsData;
    }

    private void failUnlessNoHoleSupport(String call, int errno) {
        if (!errnos.meansNoHoleSupport(errno)) {
            throw errnos.failure(call, errno);
        }
        wholeFileIsData = true;
    }
}
