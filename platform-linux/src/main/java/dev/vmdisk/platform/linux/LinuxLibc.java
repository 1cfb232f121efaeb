package dev.vmdisk.platform.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * glibc, bound thin: one Java method per C function, returning the raw result. Callers read errno
 * through {@link Native#getLastError()} and turn it into a message one layer up ({@link LinuxErrno}).
 * Interface mapping (not direct) because it reliably preserves errno and allows varargs.
 */
interface LinuxLibc extends Library {
    // glibc by its soname, which dlopen finds directly ("libc.so" is a linker script, not a library).
    LinuxLibc INSTANCE = Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, LinuxLibc.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CREAT = 0x40;
    int O_EXCL = 0x80;
    int O_CLOEXEC = 0x80000;
    /** So an open of a FIFO (or a device that waits) returns at once; vmdisk then refuses it as no regular file. */
    int O_NONBLOCK = 0x800;

    int SEEK_DATA = 3;
    int SEEK_HOLE = 4;

    int FALLOC_FL_KEEP_SIZE = 0x01;
    int FALLOC_FL_PUNCH_HOLE = 0x02;

    int POSIX_FADV_WILLNEED = 3;
    int POSIX_FADV_DONTNEED = 4;

    int LOCK_EX = 2;
    int LOCK_NB = 4;
    int LOCK_UN = 8;

    int F_OFD_GETLK = 36;
    int F_OFD_SETLK = 37;
    short F_RDLCK = 0;
    short F_WRLCK = 1;
    short F_UNLCK = 2;

    /** fcntl.h: leases ({@code F_LINUX_SPECIFIC_BASE} 1024 + 0, + 1) and the signal a lease break sends. */
    int F_SETLEASE = 1024;
    int F_GETLEASE = 1025;
    int F_SETSIG = 10;
    /**
     * The signal a lease break is to send: SIGURG (23 on x86_64 and aarch64), whose default action is to
     * ignore it and which the JVM does not use. The default, SIGIO, would end the JVM; vmdisk polls
     * {@code F_GETLEASE} instead of waiting for a signal.
     */
    int SIGURG = 23;

    int PROT_READ = 0x1;
    int MAP_SHARED = 0x01;

    int AT_FDCWD = -100;
    int AT_SYMLINK_NOFOLLOW = 0x100;
    int AT_EMPTY_PATH = 0x1000;
    int AT_STATX_DONT_SYNC = 0x4000;
    int STATX_TYPE = 0x1;
    int STATX_MODE = 0x2;
    int STATX_INO = 0x100;
    int STATX_SIZE = 0x200;
    int STATX_BLOCKS = 0x400;

    /** {@code LOOP_GET_STATUS64} from linux/loop.h: fills a {@link LoopInfoLayout struct loop_info64}. */
    long LOOP_GET_STATUS64 = 0x4C05;

    /** {@code FICLONE} from linux/fs.h: {@code _IOW(0x94, 9, int)}; makes the target fd share the source fd's extents. */
    long FICLONE = 0x40049409L;

    int open(String path, int flags, int mode);

    /** ioctl with an integer argument ({@code FICLONE} takes the source descriptor itself). */
    int ioctl(int fd, long request, long arg);

    /** Variadic in C; on Linux (x86_64, aarch64) a pointer passed there travels like a fixed argument. */
    int ioctl(int fd, long request, Pointer arg);

    int close(int fd);

    long lseek(int fd, long offset, int whence);

    int fallocate(int fd, int mode, long offset, long len);

    /** Returns the error number itself (0 on success), not -1 and errno. */
    int posix_fadvise(int fd, long offset, long len, int advice);

    int fsync(int fd);

    int flock(int fd, int operation);

    int fcntl(int fd, int cmd, Pointer arg);

    /** fcntl with an integer argument (F_SETLEASE, F_GETLEASE, F_SETSIG). */
    int fcntl(int fd, int cmd, long arg);

    long pread(int fd, Pointer buf, long count, long offset);

    long pwrite(int fd, Pointer buf, long count, long offset);

    Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    int munmap(Pointer addr, long length);

    /** One byte per page of the mapping; bit 0 set when the page is in the page cache. */
    int mincore(Pointer addr, long length, byte[] vec);

    int getpagesize();

    int statx(int dirfd, String path, int flags, int mask, Pointer statxbuf);

    int fstatvfs(int fd, Pointer statvfsbuf);

    /** For {@code f_type}, the host file system's type, which statvfs does not carry. */
    int statfs(String path, Pointer statfsbuf);

    int stat(String path, Pointer statbuf);

    String strerror(int errnum);

    int geteuid();
}
