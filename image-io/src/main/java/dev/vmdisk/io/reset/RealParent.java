package dev.vmdisk.io.reset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A path made absolute the way the kernel resolves it: its directory by its real path (so
 * {@code link/../x} is beside the link's target, as {@code open(2)} finds it, not beside the link as a
 * lexical normalize would have it), its own name kept (a symbolic link named last stays the link).
 */
final class RealParent {
    private RealParent() {
    }

    /** @throws java.nio.file.NoSuchFileException when the directory does not exist */
    static Path of(Path p) throws IOException {
        Path abs = p.toAbsolutePath();
        Path name = abs.getFileName();
        if (name == null || name.toString().equals("..") || name.toString().equals(".")) {
            return abs.toRealPath();
        }
        return abs.getParent().toRealPath().resolve(name);
    }
}
