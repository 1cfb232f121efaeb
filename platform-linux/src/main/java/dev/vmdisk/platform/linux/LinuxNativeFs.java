package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.Errno;
import dev.vmdisk.io.nativefs.HolePunching;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        // O_NONBLOCK: a FIFO put where an image was must not block the open; the statx below refuses it. On a
        // regular file the flag changes nothing (reads, writes and fallocate of regular files never block on it).
        int flags = (access == Access.READ_WRITE ? LinuxLibc.O_RDWR : LinuxLibc.O_RDONLY) | LinuxLibc.O_CLOEXEC
                | LinuxLibc.O_NONBLOCK;
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
    public Optional<String> writeLockFlag(Path path) {
        return WriteLockFlags.of(libc, path);
    }

    @Override
    public HolePunching holePunching(Path path) {
        return HostFsTypes.of(libc, path);
    }

    @Override
    public HolderReport holders(Path path) {
        return new ProcHolderScan(libc, ProcessHandle.current().pid()).scan(path);
    }

    @Override
    public Map<Path, HolderReport> holdersOfAll(List<Path> paths) {
        return new ProcHolderScan(libc, ProcessHandle.current().pid()).scanAll(paths);
    }
}
