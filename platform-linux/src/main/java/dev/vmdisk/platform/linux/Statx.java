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
        if (libc.statx(LinuxLibc.AT_FDCWD, path.toString(), 0, MASK, m) != 0) {
            throw LinuxErrno.last(path, "statx");
        }
        return read(m);
    }

    /** statx of a path itself: a symbolic link is the link, as {@code lstat} and {@code du} see it. */
    static Statx ofNoFollow(LinuxLibc libc, Path path) {
        Memory m = new Memory(StatxLayout.SIZE);
        m.clear();
        if (libc.statx(LinuxLibc.AT_FDCWD, path.toString(), LinuxLibc.AT_SYMLINK_NOFOLLOW, MASK, m) != 0) {
            throw LinuxErrno.last(path, "statx");
        }
        return read(m);
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

    boolean isRegularFile() {
        return (mode & StatxLayout.S_IFMT) == StatxLayout.S_IFREG;
    }

    boolean isDirectory() {
        return (mode & StatxLayout.S_IFMT) == StatxLayout.S_IFDIR;
    }

    /**
     * The file's identity, with the device in the encoding {@code st_dev} uses ({@link LinuxDev#encode}),
     * so it compares equal to what /proc shows.
     */
    FileId id() {
        return new FileId(LinuxDev.encode(devMajor, devMinor), inode);
    }
}
