package dev.vmdisk.io.inspect;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFileChannel;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An image opened once, through the native port: its descriptor seeks, punches, locks, carries the write
 * lease and is mapped, and {@link #channel()} reads structures through the same descriptor. One open file
 * only: a second one (a Java {@code FileChannel} beside it) would be a second open file of the inode,
 * which the kernel counts against vmdisk's own write lease, and could name another file after a rename.
 */
public final class OpenImage implements AutoCloseable {
    private final NativeFile file;
    private final FileChannel channel;

    private OpenImage(NativeFile file) {
        this.file = file;
        this.channel = new NativeFileChannel(file);
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
            return new OpenImage(file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public NativeFile file() {
        return file;
    }

    /** Positional reads through {@link #file()}'s descriptor; read-only, no mapping. */
    public FileChannel channel() {
        return channel;
    }

    public Path path() {
        return file.path();
    }

    @Override
    public void close() {
        file.close();
    }
}
