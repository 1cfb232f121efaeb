package dev.vmdisk.io.inspect;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An image opened twice: through the native port (for seeks, punches, locks) and as a Java
 * {@link FileChannel} (for memory-mapped reads). Both name the same inode, checked after opening, so
 * a rename between the two opens cannot make vmdisk read one file and punch another.
 */
public final class OpenImage implements AutoCloseable {
    private final NativeFile file;
    private final FileChannel channel;

    private OpenImage(NativeFile file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens {@code path}, refusing what cannot be a disk image.
     *
     * @throws BadInputException    missing, a directory, not a regular file, empty
     * @throws EnvironmentException permission or another OS refusal
     */
    public static OpenImage open(NativeFs fs, Path path, Access access) {
        NativeFile file = fs.open(path, access);
        try {
            if (file.apparentSize() == 0) {
                throw new BadInputException(path + ": the file is empty (0 bytes), not a disk image");
            }
            FileChannel channel = access == Access.READ_WRITE
                    ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(path, StandardOpenOption.READ);
            OpenImage image = new OpenImage(file, channel);
            try (NativeFile again = fs.open(path, Access.READ_ONLY)) { // cheap: an open and a statx
                if (!again.id().equals(file.id())) {
                    throw new BadInputException(path + ": the file was replaced while vmdisk opened it; try again");
                }
            } catch (RuntimeException e) {
                image.close();
                throw e;
            }
            return image;
        } catch (AccessDeniedException e) {
            file.close();
            throw new EnvironmentException(path + ": permission denied (run as the image's owner, or as root)", e);
        } catch (IOException e) {
            file.close();
            throw new EnvironmentException(path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public NativeFile file() {
        return file;
    }

    public FileChannel channel() {
        return channel;
    }

    public Path path() {
        return file.path();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            file.close();
        }
    }
}
