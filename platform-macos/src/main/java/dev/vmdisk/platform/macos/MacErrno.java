package dev.vmdisk.platform.macos;

import com.sun.jna.Native;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.nativefs.Errno;

import java.nio.file.Path;

/**
 * macOS errno numbers (xnu {@code bsd/sys/errno.h}; many differ from Linux) and their meaning for the user.
 */
final class MacErrno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EXDEV = 18;
    static final int ENOTDIR = 20;
    /** What HFS+ answers F_PUNCHHOLE, SEEK_HOLE and SEEK_DATA with: its ioctl handler ends in {@code default: return ENOTTY}. */
    static final int ENOTTY = 25;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;
    static final int EROFS = 30;
    /** Also EWOULDBLOCK, what {@code flock(LOCK_NB)} and {@code F_SETLK} return for a held lock. */
    static final int EAGAIN = 35;
    static final int ENOTSUP = 45;
    static final int ELOOP = 62;
    static final int EDQUOT = 69;
    static final int ENOSYS = 78;
    /** The discrete value under __DARWIN_UNIX03, which libSystem uses. */
    static final int EOPNOTSUPP = 102;

    private MacErrno() {
    }

    static Errno.Kind kind(int errno) {
        return switch (errno) {
            case ENOENT, ENOTDIR, ELOOP -> Errno.Kind.NOT_FOUND;
            case EISDIR -> Errno.Kind.NOT_A_FILE;
            case EPERM, EACCES -> Errno.Kind.PERMISSION;
            case EROFS -> Errno.Kind.READ_ONLY;
            case ENOSPC, EDQUOT -> Errno.Kind.NO_SPACE;
            // QEMU's file-posix.c treats ENODEV from F_PUNCHHOLE as "not supported" too.
            // ENOTTY: HFS+ (hfs core/hfs_readwrite.c) has no hole punching or hole seeking and says so this way.
            case ENOTSUP, EOPNOTSUPP, ENOSYS, ENODEV, ENOTTY -> Errno.Kind.NOT_SUPPORTED;
            default -> Errno.Kind.OTHER;
        };
    }

    /**
     * Whether {@code SEEK_DATA}/{@code SEEK_HOLE} failed because the file system cannot seek holes: HFS+ says
     * ENOTTY, file systems without an ioctl ENOTSUP, macFUSE EINVAL (xnu passes each back unchanged).
     */
    static boolean holeSeekUnsupported(int errno) {
        return errno == ENOTTY || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EINVAL;
    }

    /** The exception for the call that just failed on this thread. */
    static VmdiskException last(MacLibc libc, Path path, String call) {
        return of(libc, path, call, Native.getLastError());
    }

    static VmdiskException of(MacLibc libc, Path path, String call, int errno) {
        return failure(path, call, errno, libc.strerror(errno));
    }

    /**
     * EPERM on macOS is rarely about ownership: it is what privacy protection (TCC: Desktop, Documents,
     * Downloads, iCloud Drive, removable and network volumes, or a launchd job without Full Disk Access) and
     * the immutable flag answer, and running as root helps with neither.
     */
    static final String EPERM_REMEDY = " (on macOS this is usually privacy protection: give the terminal, or the"
            + " launchd job's program, Full Disk Access in System Settings > Privacy & Security; or the file is"
            + " immutable: ls -lO shows uchg or schg, chflags nouchg clears uchg)";

    static VmdiskException failure(Path path, String call, int errno, String strerror) {
        if (errno == EPERM) {
            return Errno.failure(path, call, Errno.Kind.PERMISSION, strerror, EPERM_REMEDY);
        }
        return Errno.failure(path, call, kind(errno), strerror);
    }
}
