package dev.vmdisk.io.bundle;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.exclusive.ExclusiveAccess;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The per-session image of a bundle ({@code sessiondata.img}): the app creates it when it is missing,
 * so removing it is the known cure for a session disk that only grows. Removed only under
 * {@link ExclusiveAccess} (holders, lock, the kernel's write lease), as a reset replaces an image.
 */
public final class SessionImage {
    /** The exact file name removed by {@code vmdisk reset --sessions}; nothing else is. */
    public static final String NAME = "sessiondata.img";
    private static final String REMOVING_SUFFIX = ".vmdisk-removing";

    private SessionImage() {
    }

    public static boolean is(Path p) {
        return p.getFileName() != null && p.getFileName().toString().equals(NAME);
    }

    /**
     * Removes {@code image}: exclusive access, unlink. The file is either removed or untouched. Through the
     * unlink it keeps a hidden second name, so that when the lease shows a process opened it at that
     * moment (its open already on the way to the inode), it is put back where that process's writes stay.
     *
     * @return the warning about processes that could not be checked, or ""
     * @throws ImageInUseException another process holds it open, mapped or locked; it is left as it was
     */
    public static String remove(NativeFs fs, Path image) {
        try (NativeFile file = fs.open(image, Access.READ_WRITE); ExclusiveAccess access = take(fs, file)) {
            Path second = image.resolveSibling("." + image.getFileName() + REMOVING_SUFFIX);
            try {
                if (Files.isRegularFile(second, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(second); // left by a removal that was killed: ours, and its image is gone
                }
                Files.createLink(second, image);
            } catch (IOException | UnsupportedOperationException e) {
                second = null; // a volume without hard links: nothing to put back, the checks still stand
            }
            try {
                access.checkNow();
                Files.delete(image);
            } catch (IOException e) {
                deleteQuietly(second);
                String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
                throw new EnvironmentException(image + ": cannot remove the session image: " + reason
                        + " (vmdisk needs write access to the bundle directory; run as its owner)", e);
            } catch (RuntimeException e) {
                deleteQuietly(second);
                throw e;
            }
            if (access.proven() && !access.intactAfterward()) {
                throw putBack(image, second);
            }
            deleteQuietly(second);
            return access.proven() ? "" : access.report().uncheckedWarning();
        }
    }

    private static ExclusiveAccess take(NativeFs fs, NativeFile file) {
        HolderReport holders = fs.holders(file.path());
        if (holders.held()) {
            throw new ImageInUseException(file.path() + ": " + holders.summary()
                    + "; quit the app (stop the VM) first, the session image was not removed", holders);
        }
        try {
            return ExclusiveAccess.take(fs, file);
        } catch (ImageInUseException e) {
            throw new ImageInUseException(e.getMessage() + " (the session image was not removed)", e.holders());
        }
    }

    private static ImageInUseException putBack(Path image, Path second) {
        String opened = image + ": a process opened the session image at the moment vmdisk removed it";
        if (second == null) {
            return new ExclusivityLostException(opened + "; it runs on the removed file; quit the app (stop the VM)", null);
        }
        try {
            Files.move(second, image, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return new ExclusivityLostException(opened + "; it is kept as " + second + " (putting it back failed: "
                    + e.getMessage() + "); quit the app (stop the VM)", null);
        }
        return new ExclusivityLostException(opened + "; it was put back, unchanged; quit the app (stop the VM) first", null);
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A hidden leftover; the next removal deletes it.
        }
    }
}
