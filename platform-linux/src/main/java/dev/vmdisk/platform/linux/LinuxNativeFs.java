package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.Errno;
import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.OpenFileSet;
import dev.vmdisk.io.nativefs.QuotaUsage;

import java.nio.file.Path;

/** The Linux port: glibc through JNA, holders from /proc. */
final class LinuxNativeFs implements NativeFs {
    private final LinuxLibc libc;

    LinuxNativeFs(LinuxLibc libc) {
        this.libc = libc;
    }

    @Override
    public String platformName() {
        return "linux";
    }

    @Override
    public NativeFile open(Path path, Access access) {
        int flags = (access == Access.READ_WRITE ? LinuxLibc.O_RDWR : LinuxLibc.O_RDONLY) | LinuxLibc.O_CLOEXEC;
        int fd = libc.open(path.toString(), flags, 0);
        if (fd < 0) {
            throw LinuxErrno.last(path, "open");
        }
        try {
            Statx st = Statx.of(libc, path, fd);
            if (!st.isRegularFile()) {
                throw Errno.failure(path, "open", Errno.Kind.NOT_A_FILE,
                        st.isDirectory() ? "is a directory, not an image file" : "not a regular file");
            }
            return new LinuxNativeFile(libc, path, fd, st.id());
        } catch (RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    @Override
    public HolderReport holders(Path path) {
        return new ProcHolderScan(libc, ProcessHandle.current().pid()).scan(path);
    }

    @Override
    public OpenFileSet openFiles() {
        return new ProcOpenFileScan(libc, ProcessHandle.current().pid()).scan();
    }

    @Override
    public FsFigures fsFigures(Path path) {
        return LinuxFsFigures.of(LinuxHostLibc.INSTANCE, path);
    }

    @Override
    public QuotaUsage userQuota(Path path, int uid) {
        return new LinuxQuota(libc, LinuxHostLibc.INSTANCE).of(path, uid);
    }
}
