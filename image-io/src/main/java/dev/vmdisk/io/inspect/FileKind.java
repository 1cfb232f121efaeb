package dev.vmdisk.io.inspect;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names, told from its attributes (a stat, following symbolic links) without opening it:
 * opening a FIFO blocks until a writer comes, and opening a device can have effects of its own. Every
 * command asks this first, so a directory, FIFO, socket or device is refused in one line naming what it
 * is, before any holder scan or open.
 */
public final class FileKind {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private FileKind() {
    }

    /**
     * @throws BadInputException    {@code path} is missing, a symbolic link loop, not a regular file, or named so
     *                              that Java cannot pass the name back to the OS ({@link FileNames}) (exit 4)
     * @throws EnvironmentException its attributes cannot be read: permission, an I/O error (exit 5)
     */
    public static void requireRegularFile(Path path) {
        FileNames.requireRepresentable(path);
        String what = describeIfNotRegular(path);
        if (what != null) {
            throw new BadInputException(path + ": " + what + ", not an image file");
        }
    }

    /** Null for a regular file; otherwise what it is ("a directory", "a FIFO (named pipe)", …). */
    static String describeIfNotRegular(Path path) {
        try {
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
            if (basic.isRegularFile()) {
                return null;
            }
            if (basic.isDirectory()) {
                return "is a directory";
            }
            return describe(unixMode(path));
        } catch (NoSuchFileException e) {
            danglingLink(path, e);
            // U+FFFD is what Java made of bytes that are not UTF-8 in the name as given: that file cannot be named.
            throw new BadInputException(path + ": no such file" + (path.toString().indexOf('\uFFFD') >= 0
                    ? " (the name as given holds bytes that are not valid UTF-8, which vmdisk cannot pass on; rename the file to a UTF-8 name)"
                    : ""), e);
        } catch (AccessDeniedException e) {
            throw new EnvironmentException(path + ": permission denied reading its attributes (run as the image's owner, or as root)", e);
        } catch (FileSystemException e) {
            if (isLinkLoop(e)) {
                throw new BadInputException(path + ": too many levels of symbolic links (a link that leads back to"
                        + " itself, or a chain too long to follow); point it at the image", e);
            }
            throw new EnvironmentException(path + ": cannot read its attributes: " + e.getReason(), e);
        } catch (IOException e) {
            throw new EnvironmentException(path + ": cannot read its attributes: " + e.getMessage(), e);
        }
    }

    /** A link whose target is missing is named as one: "no such file" would send the user looking for the link. */
    private static void danglingLink(Path path, NoSuchFileException e) {
        if (Files.isSymbolicLink(path)) {
            String target;
            try {
                target = Files.readSymbolicLink(path).toString();
            } catch (IOException unreadable) {
                target = "a path that cannot be read";
            }
            throw new BadInputException(path + ": a symbolic link to " + target
                    + ", which does not exist; pass the path the image should have, or fix the link", e);
        }
    }

    private static String describe(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFIFO -> "is a FIFO (named pipe)";
            case S_IFSOCK -> "is a socket";
            case S_IFCHR -> "is a character device";
            case S_IFBLK -> "is a block device (vmdisk works on image files, not on disks)";
            case S_IFDIR -> "is a directory";
            default -> "is not a regular file";
        };
    }

    /** The file's st_mode; -1 where the platform has no "unix" attribute view. */
    private static int unixMode(Path path) throws IOException {
        try {
            return (Integer) Files.getAttribute(path, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** The JDK reports ELOOP as a plain FileSystemException carrying strerror's text. */
    private static boolean isLinkLoop(FileSystemException e) {
        String reason = e.getReason();
        return reason != null && reason.startsWith("Too many levels of symbolic links");
    }
}
