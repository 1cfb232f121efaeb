package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The inode flags that forbid writing a file whatever its permissions, even to root ({@code chattr +i},
 * {@code chattr +a}), read from {@code statx}'s attributes: without them the refusal looks like a read-only
 * mount or another user's file, and the user looks in the wrong place.
 */
final class WriteLockFlags {
    private WriteLockFlags() {
    }

    /** What forbids writing {@code path} and how to clear it; empty when neither flag is set or known. */
    static Optional<String> of(LinuxLibc libc, Path path) {
        Memory m = new Memory(StatxLayout.SIZE);
        m.clear();
        if (libc.statx(LinuxLibc.AT_FDCWD, path.toString(), 0, LinuxLibc.STATX_TYPE, m) != 0) {
            return Optional.empty(); // the command's own open reports what is wrong with the path
        }
        long known = m.getLong(StatxLayout.STX_ATTRIBUTES_MASK);
        long set = m.getLong(StatxLayout.STX_ATTRIBUTES) & known;
        if ((set & StatxLayout.STATX_ATTR_IMMUTABLE) != 0) {
            return Optional.of("the file is immutable (chattr +i): nobody may change it, root included;"
                    + " clear the flag with chattr -i (as root) if it should change");
        }
        if ((set & StatxLayout.STATX_ATTR_APPEND) != 0) {
            return Optional.of("the file is append-only (chattr +a): it may only grow;"
                    + " clear the flag with chattr -a (as root) if it should change");
        }
        return Optional.empty();
    }
}
