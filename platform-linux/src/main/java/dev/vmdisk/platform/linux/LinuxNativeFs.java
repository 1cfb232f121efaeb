package dev.vmdisk.platform.linux;

import com.sun.jna.Native;
import dev.vmdisk.io.ImageInUseException;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.Errno;
import dev.vmdisk.io.nativefs.FileAllocation;
import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.HolePunching;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.OpenFileSet;
import dev.vmdisk.io.nativefs.QuotaUsage;

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
        // regular file it changes one thing: while another process holds a write lease on the file (another
        // vmdisk compacting or resetting it), open fails at once with EWOULDBLOCK instead of waiting for the
        // lease to be released, and the lease holder is told, so it stops.
        int flags = (access == Access.READ_WRITE ? LinuxLibc.O_RDWR : LinuxLibc.O_RDONLY) | LinuxLibc.O_CLOEXEC
                | LinuxLibc.O_NONBLOCK;
        int fd = libc.open(path.toString(), flags, 0);
        if (fd < 0) {
            int errno = Native.getLastError();
            if (errno == LinuxErrno.EAGAIN) {
                throw new ImageInUseException(path + ": another process holds a write lease on it (a vmdisk compact or"
                        + " reset of it is running, and now stops because of this open); try again when it has finished", null);
            }
            throw LinuxErrno.of(path, "open", errno);
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

    @Override
    public Map<Path, HolderReport> holdersOfAll(List<Path> paths) {
        return new ProcHolderScan(libc, ProcessHandle.current().pid()).scanAll(paths);
    }

    @Override
    public FileAllocation allocationNoFollow(Path path) {
        Statx st = Statx.ofNoFollow(libc, path);
        return new FileAllocation(st.id(), st.blocks512() * 512L, st.isDirectory());
    }

    /** Only a file this port opened has a descriptor to clone from; any other is "cannot clone". */
    @Override
    public boolean cloneFile(NativeFile source, Path target) {
        return source instanceof LinuxNativeFile own && LinuxClone.clone(libc, own, target);
    }
}
