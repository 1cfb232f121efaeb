package dev.vmdisk.platform.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * libSystem's C functions, bound thin: one Java method per C function, returning the raw result.
 * Callers read errno through {@link Native#getLastError()} and turn it into a message one layer up
 * ({@link MacErrno}). There is deliberately no {@code INSTANCE} field: the library is loaded by
 * {@link MacNative#libc()} from {@link MacNativeFsProvider#create()}, so tests of the constants and
 * layouts can load this interface on Linux.
 *
 * <p>Interface mapping (not direct mapping) because {@code fcntl} is variadic: on Apple arm64 variadic
 * arguments are passed on the stack, so a fixed-arity {@code fcntl(int, int, Pointer)} would pass the
 * pointer in a register the kernel never reads (jnr-posix#174 saw EFAULT). JNA calls a Java varargs
 * method through {@code ffi_prep_cif_var} with the fixed-argument count.
 *
 * <p>Constants read from xnu {@code bsd/sys/fcntl.h}, {@code sys/_types/_seek_set.h}.
 */
interface MacLibc extends Library {

    // open(2) flags, bsd/sys/fcntl.h
    int O_RDONLY = 0x0000;
    int O_RDWR = 0x0002;
    int O_CLOEXEC = 0x01000000;
    /** So an open of a FIFO (or a device that waits) returns at once; vmdisk then refuses it as no regular file. */
    int O_NONBLOCK = 0x0004;

    // lseek(2) whence, sys/_types/_seek_set.h (Linux has them the other way round: DATA 3, HOLE 4)
    int SEEK_HOLE = 3;
    int SEEK_DATA = 4;

    // fcntl(2) commands, bsd/sys/fcntl.h
    int F_GETLK = 7;
    int F_SETLK = 8;
    int F_RDADVISE = 44;
    int F_NOCACHE = 48;
    int F_FULLFSYNC = 51;
    int F_LOG2PHYS_EXT = 65;
    int F_OFD_SETLK = 90;
    int F_OFD_GETLK = 92;
    int F_PUNCHHOLE = 99;

    // struct flock l_type, bsd/sys/fcntl.h
    short F_RDLCK = 1;
    short F_UNLCK = 2;
    short F_WRLCK = 3;

    // flock(2) operations, bsd/sys/fcntl.h
    int LOCK_SH = 0x01;
    int LOCK_EX = 0x02;
    int LOCK_NB = 0x04;
    int LOCK_UN = 0x08;

    /**
     * {@code int open(const char *, int, ...)} is variadic too; binding only the two fixed arguments is
     * exact as long as vmdisk never passes a mode (it never creates files through here).
     */
    int open(String path, int oflag);

    int close(int fd);

    int PROT_READ = 0x01;
    int MAP_SHARED = 0x0001;

    long pread(int fd, Pointer buf, long nbyte, long offset);

    long pwrite(int fd, Pointer buf, long nbyte, long offset);

    Pointer mmap(Pointer addr, long len, int prot, int flags, int fd, long offset);

    int munmap(Pointer addr, long len);

    long lseek(int fd, long offset, int whence);

    /** {@code int fcntl(int fd, int cmd, ...)}: pass the optional argument (a {@link Pointer}) as a vararg. */
    int fcntl(int fd, int cmd, Object... arg);

    int flock(int fd, int operation);

    int fsync(int fd);

    /** Bound to {@code fstat$INODE64} on x86_64 by {@link MacNative#SYMBOLS}; the buffer is a {@link MacStat}. */
    int fstat(int fd, Pointer stat);

    /** Bound to {@code stat$INODE64} on x86_64 by {@link MacNative#SYMBOLS}. */
    int stat(String path, Pointer stat);

    /** Bound to {@code lstat$INODE64} on x86_64 by {@link MacNative#SYMBOLS}: a symbolic link itself, as du counts it. */
    int lstat(String path, Pointer stat);

    /**
     * {@code int fclonefileat(int src_fd, int dst_dirfd, const char *dst, uint32_t flags)} (sys/clonefile.h,
     * macOS 10.12): {@code dst}, which must not exist, becomes a clone of the open file {@code src_fd}, sharing
     * its blocks (APFS). ENOTSUP where the volume cannot clone, EXDEV across volumes, EEXIST when dst exists.
     */
    int fclonefileat(int srcFd, int dstDirFd, String dst, int flags);

    /** {@code AT_FDCWD} in xnu bsd/sys/fcntl.h (-2; Linux's is -100). */
    int AT_FDCWD = -2;
    /** {@code CLONE_NOFOLLOW} (sys/clonefile.h); vmdisk passes no flags: the clone gets the source's mode. */
    int CLONE_NOFOLLOW = 0x0001;

    /** Bound to {@code fstatfs$INODE64} on x86_64 by {@link MacNative#SYMBOLS}; the buffer is a {@link MacStatfs}. */
    int fstatfs(int fd, Pointer statfs);

    String strerror(int errnum);

    /** {@code uid_t geteuid(void)}: 0 when running as root, so a holder scan knows running as root would not help. */
    int geteuid();
}
