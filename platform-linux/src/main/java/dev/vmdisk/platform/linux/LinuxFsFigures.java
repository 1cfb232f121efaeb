package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import dev.vmdisk.io.nativefs.FsFigures;

import java.nio.file.Path;

/** Space and inodes of the file system under a path, from {@code statvfs(3)}, as {@code df} and {@code df -i} show them. */
final class LinuxFsFigures {
    private LinuxFsFigures() {
    }

    static FsFigures of(LinuxHostLibc host, Path path) {
        Memory m = new Memory(StatvfsLayout.SIZE);
        m.clear();
        if (host.statvfs(path.toString(), m) != 0) {
            throw LinuxErrno.last(path, "statvfs");
        }
        long frsize = m.getLong(StatvfsLayout.F_FRSIZE);
        return new FsFigures(
                m.getLong(StatvfsLayout.F_BLOCKS) * frsize,
                m.getLong(StatvfsLayout.F_BFREE) * frsize,
                m.getLong(StatvfsLayout.F_BAVAIL) * frsize,
                m.getLong(StatvfsLayout.F_FILES),
                m.getLong(StatvfsLayout.F_FFREE));
    }
}
