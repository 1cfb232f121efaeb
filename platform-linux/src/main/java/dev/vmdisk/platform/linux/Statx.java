package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import dev.vmdisk.io.nativefs.FileId;

import java.nio.file.Path;

/** The fields of one {@code statx} call that vmdisk uses. */
record Statx(int mode, long inode, long size, long blocks512, long devMajor, long devMinor) {

    static final int MASK = LinuxLibc.STATX_TYPE | LinuxLibc.STATX_MODE | LinuxLibc.STATX_INO
            | LinuxLibc.STATX_SIZE | LinuxLibc.STATX_BLOCKS;

    static Statx of(LinuxLibc libc, Path path, int fd) {
        Memory m = new Memory(StatxLayout.SIZE);
        m.clear();
        if (libc.statx(fd, "", LinuxLibc.AT_EMPTY_PATH, MASK, m) != 0) {
            throw LinuxErrno.last(path, "statx");
        }
        return read(m);
    }

    /** statx of a path, following symbolic links. */
    static Statx of(LinuxLibc libc, Path path) {
        Memory m = new Memory(StatxLayout.SIZE);
        m.clear();
        final int atFdcwd = -100;
        if (libc.statx(atFdcwd, path.toString(), 0, MASK, m) != 0) {
            throw LinuxErrno.last(path, "statx");
        }
        return read(m);
    }

    /**
     * statx of a path (following links, as through {@code /proc/PID/fd/N}), or empty when it failed:
     * for scanning other processes, where a descriptor closing under us is normal.
     */
    static java.util.Optional<Statx> tryOf(LinuxLibc libc, String path, Memory scratch) {
        final int atFdcwd = -100;
        if (libc.statx(atFdcwd, path, 0, MASK, scratch) != 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(read(scratch));
    }

    private static Statx read(Memory m) {
        return new Statx(
                m.getShort(StatxLayout.STX_MODE) & 0xFFFF,
                m.getLong(StatxLayout.STX_INO),
                m.getLong(StatxLayout.STX_SIZE),
                m.getLong(StatxLayout.STX_BLOCKS),
                m.getInt(StatxLayout.STX_DEV_MAJOR) & 0xFFFF_FFFFL,
                m.getInt(StatxLayout.STX_DEV_MINOR) & 0xFFFF_FFFFL);
    }

    boolean sameFile(Statx other) {
        return inode == other.inode && devMajor == other.devMajor && devMinor == other.devMinor;
    }

    boolean isRegularFile() {
        return (mode & StatxLayout.S_IFMT) == StatxLayout.S_IFREG;
    }

    boolean isDirectory() {
        return (mode & StatxLayout.S_IFMT) == StatxLayout.S_IFDIR;
    }

    /**
     * The device number as the kernel's {@code new_encode_dev} makes it, which is how
     * {@code /proc/locks} and {@code st_dev} show it: {@code (minor & 0xff) | major << 8 | (minor & ~0xff) << 12}.
     */
    FileId id() {
        long dev = (devMinor & 0xff) | (devMajor & 0xfff) << 8 | (devMinor & ~0xffL) << 12;
        return new FileId(dev, inode);
    }
}
