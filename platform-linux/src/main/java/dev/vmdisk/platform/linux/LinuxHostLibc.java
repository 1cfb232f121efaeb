package dev.vmdisk.platform.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The glibc functions {@code vmdisk tmp} and {@code vmdisk doctor} need beside {@link LinuxLibc}, bound
 * as thin: one Java method per C function, the raw result, errno read by the caller.
 */
interface LinuxHostLibc extends Library {
    LinuxHostLibc INSTANCE = Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, LinuxHostLibc.class);

    /**
     * {@code quotactl_fd(2)} (Linux 5.14): glibc has no wrapper, so it goes through {@code syscall}. The
     * number is the same on x86_64 and aarch64, whose tables share numbers from 403 on.
     */
    long SYS_QUOTACTL_FD = 443;

    /** {@code QCMD(Q_GETQUOTA, USRQUOTA)}: {@code Q_GETQUOTA (0x800007) << SUBCMDSHIFT (8) | USRQUOTA (0)}. */
    int Q_GETQUOTA_USR = 0x800007 << 8;

    int statvfs(String path, Pointer statvfsbuf);

    /** Variadic in C; the four arguments travel as fixed ones on x86_64 and aarch64. */
    long syscall(long number, int fd, int cmd, int id, Pointer addr);
}
