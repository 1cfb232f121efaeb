package dev.vmdisk.io.reset;

import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The Claude app's release marker of an image: the hidden file {@code .IMAGE.origin} beside it, holding the id
 * of the release the image was extracted from (40 hex characters on macOS, empty on Windows). The app compares it
 * with the release it wants and throws away an image whose marker disagrees, so after a reset the image's marker
 * must name the release of the base it was rebuilt from: {@code .BASE.origin}, copied byte for byte.
 *
 * @param marker   the image's marker
 * @param action   what was done to it
 * @param release  what it holds now, as text (the release id); null when there is none
 * @param previous what it held before, or null when it was missing
 */
public record ReleaseMarker(Path marker, Action action, String release, String previous) {
    /** What {@link #carryOver} did. */
    public enum Action {
        /** The base's marker was copied over the image's. */
        WRITTEN,
        /** The image's marker already held the base's release. */
        UNCHANGED,
        /** The base has no marker (or one vmdisk would not copy); the image's was left as it was. */
        LEFT_ALONE
    }

    /** A marker is one release id; anything longer is not one, and is not copied. */
    static final int MAX_BYTES = 4096;
    private static final String TEMPORARY_SUFFIX = ".vmdisk-tmp";

    /** The marker of {@code file}: {@code .NAME.origin} beside it. */
    public static Path of(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".origin");
    }

    /**
     * After {@code image} was rebuilt from {@code base}: makes the image's marker say the base's release. Written
     * atomically (a temporary file beside it, synced, renamed over it, the directory synced), so the marker is
     * either the old one or the new one. Only the image's marker is written; the base's is only read.
     *
     * @throws EnvironmentException the marker could not be written; the old one is as it was
     */
    public static ReleaseMarker carryOver(Path image, Path base) {
        Path marker = of(image);
        Path baseMarker = of(base);
        String previous = readIfThere(marker);
        if (!Files.isRegularFile(baseMarker, LinkOption.NOFOLLOW_LINKS)) {
            return new ReleaseMarker(marker, Action.LEFT_ALONE, previous, previous);
        }
        byte[] release;
        try {
            if (Files.size(baseMarker) > MAX_BYTES) {
                return new ReleaseMarker(marker, Action.LEFT_ALONE, previous, previous);
            }
            release = Files.readAllBytes(baseMarker);
        } catch (IOException e) {
            throw new EnvironmentException(baseMarker + ": cannot read the base's release marker: " + e.getMessage()
                    + "; " + image.getFileName() + " was reset, its marker " + marker.getFileName() + " is as it was", e);
        }
        String text = new String(release, StandardCharsets.UTF_8);
        if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) && text.equals(previous)) {
            return new ReleaseMarker(marker, Action.UNCHANGED, text, previous);
        }
        write(marker, release, image);
        return new ReleaseMarker(marker, Action.WRITTEN, text, previous);
    }

    /** The release id as people read it: the marker's text without its line end. */
    public static String shown(String release) {
        return release == null ? null : release.strip();
    }

    private static void write(Path marker, byte[] release, Path image) {
        Path tmp = marker.resolveSibling(marker.getFileName() + TEMPORARY_SUFFIX);
        try {
            Files.deleteIfExists(tmp); // left by a run that was killed here; vmdisk's own name
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(release);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            keepPermissions(marker, tmp);
            try {
                Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the volume cannot rename atomically", e);
            }
            syncDirectory(marker.toAbsolutePath().getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // A hidden leftover named as vmdisk's; the next reset removes it.
            }
            throw new EnvironmentException(marker + ": cannot write the release marker: " + e.getMessage() + "; "
                    + image.getFileName() + " was reset, but its marker still names the old release (the app may"
                    + " download the image again)", e);
        }
    }

    private static void keepPermissions(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)
                || Files.getFileAttributeView(to, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(to, perms);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static String readIfThere(Path marker) {
        try {
            if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) && Files.size(marker) <= MAX_BYTES) {
                return new String(Files.readAllBytes(marker), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // Reported as missing: it is only compared and shown.
        }
        return null;
    }
}
