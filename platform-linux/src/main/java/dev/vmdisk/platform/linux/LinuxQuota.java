package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.vmdisk.io.nativefs.QuotaUsage;

import java.nio.file.Path;

/**
 * A user's quota on the file system under a directory, through {@code quotactl_fd} on a descriptor of
 * the directory itself: it needs no block device, so it works on tmpfs {@code usrquota} as on ext4, XFS
 * and the rest. Every refusal becomes an unknown quota with the reason, never a failure: a quota vmdisk
 * cannot read is reported as such.
 */
final class LinuxQuota {
    private final LinuxLibc libc;
    private final LinuxHostLibc host;

    LinuxQuota(LinuxLibc libc, LinuxHostLibc host) {
        this.libc = libc;
        this.host = host;
    }

    QuotaUsage of(Path dir, int uid) {
        int fd = libc.open(dir.toString(), LinuxLibc.O_RDONLY | LinuxLibc.O_CLOEXEC, 0);
        if (fd < 0) {
            return QuotaUsage.unknown("cannot open " + dir + ": " + libc.strerror(Native.getLastError()));
        }
        try {
            Memory q = new Memory(IfDqblkLayout.SIZE);
            q.clear();
            if (host.syscall(LinuxHostLibc.SYS_QUOTACTL_FD, fd, LinuxHostLibc.Q_GETQUOTA_USR, uid, q) != 0) {
                return QuotaUsage.unknown(reason(Native.getLastError()));
            }
            return QuotaUsage.of(
                    q.getLong(IfDqblkLayout.DQB_CURSPACE),
                    q.getLong(IfDqblkLayout.DQB_BSOFTLIMIT) * IfDqblkLayout.QUOTA_BLOCK,
                    q.getLong(IfDqblkLayout.DQB_BHARDLIMIT) * IfDqblkLayout.QUOTA_BLOCK,
                    q.getLong(IfDqblkLayout.DQB_CURINODES),
                    q.getLong(IfDqblkLayout.DQB_ISOFTLIMIT),
                    q.getLong(IfDqblkLayout.DQB_IHARDLIMIT));
        } finally {
            libc.close(fd);
        }
    }

    /** What each errno of {@code quotactl_fd(Q_GETQUOTA)} means here (quotactl(2)). */
    private String reason(int errno) {
        return switch (errno) {
            case LinuxErrno.ESRCH -> "no user quota on this file system";
            case LinuxErrno.ENOSYS -> "the kernel has no quotactl_fd (older than Linux 5.14, or built without quota support)";
            case LinuxErrno.EPERM, LinuxErrno.EACCES -> "not allowed to read this user's quota (run as that user or as root)";
            case LinuxErrno.ENOTTY, LinuxErrno.EOPNOTSUPP, LinuxErrno.EINVAL -> "this file system has no quota support";
            default -> "quotactl: " + libc.strerror(errno);
        };
    }
}
