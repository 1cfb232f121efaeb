package dev.vmdisk.io.compact;

import dev.vmdisk.io.exclusive.ExclusiveAccess;
import dev.vmdisk.io.inspect.FileKind;
import dev.vmdisk.io.inspect.OpenImage;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.ScanWindows;

import java.nio.file.Path;

/**
 * An image opened for compaction the one safe way. A dry run checks the holders and reads by copying
 * (it holds no lease, so the file may shrink under it). A real run refuses a read-only file, opens the
 * image once read-write and takes {@link ExclusiveAccess} on that open file (holders, lock, kernel write
 * lease or a complete second scan); every step of the compaction then calls {@link #check()}. Closing
 * releases the lease, then the lock, then the file.
 *
 * @param image  the open image
 * @param access vmdisk's exclusive access, or null in a dry run
 * @param warning processes that could not be checked, for the result ("" when none, or under a lease)
 */
public record GuardedImage(OpenImage image, ExclusiveAccess access, String warning) implements AutoCloseable {

    /** @throws dev.vmdisk.io.ImageInUseException when anything holds the image; nothing was changed */
    public static GuardedImage open(NativeFs fs, Path path, boolean dryRun) {
        FileKind.requireRegularFile(path);
        if (dryRun) {
            String warning = ExclusiveAccess.refuseIfHeld(path, fs.holders(path)).uncheckedWarning();
            return new GuardedImage(OpenImage.open(fs, path, Access.READ_ONLY), null, warning);
        }
        CompactGuard.refuseIfReadOnly(path);
        OpenImage open = OpenImage.open(fs, path, Access.READ_WRITE);
        try {
            ExclusiveAccess access = ExclusiveAccess.take(fs, open.file());
            return new GuardedImage(open, access, access.proven() ? "" : access.report().uncheckedWarning());
        } catch (RuntimeException | Error e) {
            open.close();
            throw e;
        }
    }

    /** How the zero scan may read: mapped only under the kernel's lease, which keeps the file from shrinking. */
    public ScanWindows.Reads reads() {
        return access != null && access.proven() ? ScanWindows.Reads.MAPPED : ScanWindows.Reads.COPIED;
    }

    /** Between steps: throws when another process opened the image meanwhile (nothing to check in a dry run). */
    public void check() {
        if (access != null) {
            access.check();
        }
    }

    @Override
    public void close() {
        try {
            if (access != null) {
                access.close();
            }
        } finally {
            image.close();
        }
    }
}
