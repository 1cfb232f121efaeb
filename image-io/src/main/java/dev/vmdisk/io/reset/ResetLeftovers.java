package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a reset of {@code IMAGE} makes beside it, and their removal after a reset was killed.
 * A running reset holds vmdisk's lock on its temporary file; a leftover whose lock is free has lost
 * its owner and goes. Any vmdisk command working on the image may call {@link #removeStale}.
 */
public final class ResetLeftovers {
    private static final String TEMP_SUFFIX = ".vmdisk-reset.tmp";
    private static final String OLD_LINK_SUFFIX = ".vmdisk-reset.old";
    private static final String CLONE_SUFFIX = ".vmdisk-reset.clone";

    private ResetLeftovers() {
    }

    /** {@code .IMAGE.vmdisk-reset.tmp}: the new image while it is written. */
    public static Path temporary(Path image) {
        return image.resolveSibling("." + image.getFileName() + TEMP_SUFFIX);
    }

    /**
     * The image a file named like a reset's temporary file ({@code .IMAGE.vmdisk-reset.tmp}) belongs to,
     * or null when the name is not one.
     */
    public static String imageOfTemporary(String fileName) {
        if (fileName.length() <= 1 + TEMP_SUFFIX.length() || !fileName.startsWith(".") || !fileName.endsWith(TEMP_SUFFIX)) {
            return null;
        }
        return fileName.substring(1, fileName.length() - TEMP_SUFFIX.length());
    }

    /** {@code .IMAGE.vmdisk-reset.old}: a second name of the old image, moved to {@code IMAGE.old} with {@code --keep-old}. */
    static Path oldLink(Path image) {
        return image.resolveSibling("." + image.getFileName() + OLD_LINK_SUFFIX);
    }

    /** {@code .IMAGE.vmdisk-reset.clone}: {@code --keep-old}'s clone of the old image, before it is moved over {@code IMAGE.old}. */
    static Path clone(Path image) {
        return image.resolveSibling("." + image.getFileName() + CLONE_SUFFIX);
    }

    /** {@code IMAGE.old}, where {@code --keep-old} leaves the old image. */
    public static Path kept(Path image) {
        return image.resolveSibling(image.getFileName() + ".old");
    }

    /**
     * Removes what a killed reset of {@code image} left behind, if its owner is gone.
     *
     * @return the files removed; empty when there were none
     * @throws ImageInUseException when a reset of this image is still running
     */
    public static List<Path> removeStale(NativeFs fs, Path image) {
        List<Path> removed = new ArrayList<>();
        Path temporary = temporary(image);
        if (Files.exists(temporary, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(temporary, LinkOption.NOFOLLOW_LINKS)) {
                throw notOurs(image, temporary); // not ours: never followed, never removed
            }
            try (NativeFile f = fs.open(temporary, Access.READ_WRITE); ExclusiveLock lock = f.lockExclusive()) {
                delete(temporary, removed);
            } catch (ImageInUseException e) {
                throw new ImageInUseException(image + ": another vmdisk reset is writing " + temporary.getFileName()
                        + "; wait for it to finish", null);
            }
        }
        // The second name only lives between the link and the rename of the same run, which held the
        // image's lock throughout: if the caller holds that lock now, its owner is gone.
        Path oldLink = oldLink(image);
        if (Files.isRegularFile(oldLink, LinkOption.NOFOLLOW_LINKS)) {
            delete(oldLink, removed);
        }
        Path clone = clone(image); // likewise: made and renamed under the same lock
        if (Files.isRegularFile(clone, LinkOption.NOFOLLOW_LINKS)) {
            delete(clone, removed);
        }
        return removed;
    }

    private static BadInputException notOurs(Path image, Path temporary) {
        String what = Files.isSymbolicLink(temporary) ? "a symbolic link" : Files.isDirectory(temporary,
                LinkOption.NOFOLLOW_LINKS) ? "a directory" : "not a regular file";
        return new BadInputException(image + ": " + temporary.getFileName() + " beside it is " + what
                + ", not a temporary file of vmdisk's, so vmdisk leaves it alone; remove it yourself to reset " + image.getFileName());
    }

    private static void delete(Path p, List<Path> removed) {
        try {
            if (Files.deleteIfExists(p)) {
                removed.add(p);
            }
        } catch (IOException e) {
            throw WriteFailures.of(p, "removing a leftover of an interrupted reset", e);
        }
    }
}
