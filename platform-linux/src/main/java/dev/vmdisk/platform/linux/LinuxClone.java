package dev.vmdisk.platform.linux;

import com.sun.jna.Native;
import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ioctl(target, FICLONE, source)}: a new file sharing every extent of an open one (Btrfs, XFS with
 * reflink, bcachefs, OCFS2). The target is created exclusively (never an existing file) and removed again
 * when the clone fails.
 */
final class LinuxClone {
    private LinuxClone() {
    }

    /**
     * ioctl_ficlone(2): EOPNOTSUPP where the file system cannot, EXDEV across file systems, EINVAL where it
     * cannot for these files (ext4 on old kernels answers ENOTTY).
     */
    static boolean unsupported(int errno) {
        return errno == LinuxErrno.EOPNOTSUPP || errno == LinuxErrno.EXDEV || errno == LinuxErrno.EINVAL
                || errno == LinuxErrno.ENOTTY;
    }

    static boolean clone(LinuxLibc libc, LinuxNativeFile source, Path target) {
        int fd = libc.open(target.toString(), LinuxLibc.O_WRONLY | LinuxLibc.O_CREAT | LinuxLibc.O_EXCL
                | LinuxLibc.O_CLOEXEC, 0600);
        if (fd < 0) {
            throw LinuxErrno.last(target, "open (to create the clone)");
        }
        int rc = libc.ioctl(fd, LinuxLibc.FICLONE, source.fd());
        int errno = rc == 0 ? 0 : Native.getLastError();
        if (rc == 0 && libc.fsync(fd) != 0) {
            errno = Native.getLastError();
            rc = -1;
        }
        libc.close(fd);
        if (rc == 0) {
            return true;
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new EnvironmentException(target + ": the clone failed and the empty file it was to fill could not be"
                    + " removed (" + e.getMessage() + "); remove it", e);
        }
        if (unsupported(errno)) {
            return false;
        }
        throw LinuxErrno.of(target, "ioctl(FICLONE)", errno);
    }
}
