package dev.vmdisk.io.compact;

import dev.vmdisk.io.inspect.FileKind;
import dev.vmdisk.io.inspect.OpenImage;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.file.Path;

/**
 * An image opened for compaction the one safe way: the holders checked; then, unless it is a dry run, a
 * read-only file refused, vmdisk's exclusive lock taken and the holders checked again (a process that
 * opened the image between the first check and the lock is caught by the second). The punching fd and the
 * read channel name the same inode ({@link OpenImage}). Closing releases the lock, then the file.
 *
 * @param image  the open image
 * @param report the last holder check (its warning names processes that could not be checked)
 */
record GuardedImage(OpenImage image, ExclusiveLock lock, HolderReport report) implements AutoCloseable {

    /** @throws dev.vmdisk.io.ImageInUseException when anything holds the image; nothing was changed */
    static GuardedImage open(NativeFs fs, Path path, boolean dryRun) {
        FileKind.requireRegularFile(path);
        HolderReport first = CompactGuard.refuseIfHeld(path, fs.holders(path));
        if (dryRun) {
            return new GuardedImage(OpenImage.open(fs, path, Access.READ_ONLY), null, first);
        }
        CompactGuard.refuseIfReadOnly(path);
        OpenImage open = OpenImage.open(fs, path, Access.READ_WRITE);
        try {
            ExclusiveLock lock = CompactGuard.lock(fs, open.file());
            try {
                return new GuardedImage(open, lock, CompactGuard.refuseIfHeld(path, fs.holders(path)));
            } catch (RuntimeException | Error e) {
                lock.close();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            open.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.close();
            }
        } finally {
            image.close();
        }
    }
}
