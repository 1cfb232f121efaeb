package dev.vmdisk.io.port;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Rewrites a file with every block allocated, as an image that was never compacted is. Written in Java
 * because {@code cp --sparse=never} is GNU only (BSD cp on macOS has no such flag, and {@code cp -c} there
 * would clone the blocks instead of writing them).
 */
public final class DenseCopy {
    private static final int CHUNK = 1 << 20;

    private DenseCopy() {
    }

    /** Writes every byte of {@code from} into a new file {@code to}, zeros included, and syncs it. */
    public static Path copy(Path from, Path to) {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
            long pos = 0;
            while (in.read(buf, pos) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    pos += out.write(buf, pos);
                }
                buf.clear();
            }
            out.force(true);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites {@code img} in place (through a sibling and a rename) with every block allocated. */
    public static Path densify(Path img) {
        Path tmp = img.resolveSibling(img.getFileName() + ".full");
        copy(img, tmp);
        try {
            return Files.move(tmp, img, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
