package dev.vmdisk.platform.macos;

import com.sun.jna.Memory;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.Errno;
import dev.vmdisk.io.nativefs.FileAllocation;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.file.Path;
import java.util.Optional;

/** The macOS port: libSystem through JNA, holders from libproc. */
final class MacNativeFs implements NativeFs {
    private final MacLibc libc;
    private final MacLibproc proc;

    MacNativeFs(MacLibc libc, MacLibproc proc) {
        this.libc = libc;
        this.proc = proc;
    }

    @Override
    public String platformName() {
        return "macos";
    }

    @Override
    public NativeFile open(Path path, Access access) {
        // O_NONBLOCK: a FIFO put where an image was must not block the open; the fstat below refuses it. On a
        // regular file the flag changes nothing.
        int flags = (access == Access.READ_WRITE ? MacLibc.O_RDWR : MacLibc.O_RDONLY) | MacLibc.O_CLOEXEC
                | MacLibc.O_NONBLOCK;
        int fd = libc.open(path.toString(), flags);
        if (fd < 0) {
            throw MacErrno.last(libc, path, "open");
        }
        try {
            MacStat st = MacNativeFile.fstat(libc, path, fd);
            requireRegularFile(path, st, "open");
            return new MacNativeFile(libc, path, fd, st.id());
        } catch (RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    @Override
    public Optional<String> writeLockFlag(Path path) {
        Memory m = new Memory(MacStat.SIZE);
        m.clear();
        if (libc.stat(path.toString(), m) != 0) {
            return Optional.empty(); // the command's own open reports what is wrong with the path
        }
        int flags = m.getInt(MacStat.ST_FLAGS);
        if ((flags & MacStat.SF_IMMUTABLE) != 0) {
            return Optional.of("the file is locked by the system immutable flag (chflags schg): nobody may change it,"
                    + " root included; clear it with sudo chflags noschg if it should change");
        }
        if ((flags & MacStat.UF_IMMUTABLE) != 0) {
            return Optional.of("the file is locked (chflags uchg, the Finder's Locked box): clear it with chflags nouchg"
                    + " if it should change");
        }
        return Optional.empty();
    }

    @Override
    public HolderReport holders(Path path) {
        Memory m = new Memory(MacStat.SIZE);
        m.clear();
        if (libc.stat(path.toString(), m) != 0) {
            throw MacErrno.last(libc, path, "stat");
        }
        MacStat st = MacStat.decode(m.getByteBuffer(0, MacStat.SIZE));
        requireRegularFile(path, st, "stat");
        return new MacHolders(libc, proc).scan(path, st.id(), ProcessHandle.current().pid());
    }

    @Override
    public FileAllocation allocationNoFollow(Path path) {
        Memory m = new Memory(MacStat.SIZE);
        m.clear();
        if (libc.lstat(path.toString(), m) != 0) {
            throw MacErrno.last(libc, path, "lstat");
        }
        MacStat st = MacStat.decode(m.getByteBuffer(0, MacStat.SIZE));
        return new FileAllocation(st.id(), st.blocks512() * 512L, st.isDirectory());
    }

    /** APFS clones through the image's own descriptor; ENOTSUP (HFS+, exFAT, SMB) or EXDEV is "cannot clone". */
    @Override
    public boolean cloneFile(NativeFile source, Path target) {
        if (!(source instanceof MacNativeFile own)) {
            return false;
        }
        if (libc.fclonefileat(own.fd(), MacLibc.AT_FDCWD, target.toString(), 0) == 0) {
            return true;
        }
        int errno = com.sun.jna.Native.getLastError();
        if (MacClone.unsupported(errno)) {
            return false;
        }
        throw MacErrno.of(libc, target, "fclonefileat", errno);
    }

    private static void requireRegularFile(Path path, MacStat st, String call) {
        if (!st.isRegularFile()) {
            throw Errno.failure(path, call, Errno.Kind.NOT_A_FILE,
                    st.isDirectory() ? "is a directory, not an image file" : "not a regular file");
        }
    }
}
