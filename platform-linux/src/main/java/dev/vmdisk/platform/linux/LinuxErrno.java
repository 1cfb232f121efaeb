package dev.vmdisk.platform.linux;

import com.sun.jna.Native;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.nativefs.Errno;

import java.nio.file.Path;

/** Linux errno numbers and their meaning for the user. */
final class LinuxErrno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EXDEV = 18;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;
    static final int ENOSPC = 28;
    static final int EROFS = 30;
    static final int ENOSYS = 38;
    static final int ELOOP = 40;
    static final int EOPNOTSUPP = 95;
    static final int EDQUOT = 122;

    private LinuxErrno() {
    }

    static Errno.Kind kind(int errno) {
        return switch (errno) {
            case ENOENT, ENOTDIR, ELOOP -> Errno.Kind.NOT_FOUND;
            case EISDIR -> Errno.Kind.NOT_A_FILE;
            case EPERM, EACCES -> Errno.Kind.PERMISSION;
            case EROFS -> Errno.Kind.READ_ONLY;
            case ENOSPC, EDQUOT -> Errno.Kind.NO_SPACE;
            case EOPNOTSUPP, ENOSYS -> Errno.Kind.NOT_SUPPORTED;
            default -> Errno.Kind.OTHER;
        };
    }

    /** The exception for the call that just failed on this thread. */
    static VmdiskException last(Path path, String call) {
        return of(path, call, Native.getLastError());
    }

    static VmdiskException of(Path path, String call, int errno) {
        String meaning = LinuxLibc.INSTANCE.strerror(errno);
        if (errno == EBADF) {
            // on a descriptor vmdisk opened itself, EBADF means it was opened read-only for a call that writes
            meaning += " (the file was opened read-only; this needs it opened for writing)";
        }
        return Errno.failure(path, call, kind(errno), meaning);
    }
}
