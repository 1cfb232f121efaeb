package dev.vmdisk.cli;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Decides whether {@code vmdisk demo} may write into a folder. The demo replaces {@code rootfs.img} and
 * {@code rootfs.img.zst}, the very names of a real bundle's images, so a folder is used only when it is
 * missing, empty, or holds nothing but what an earlier demo made there (recognised by the marker the demo
 * writes first). Anything else is refused before a single byte is written.
 */
final class DemoFolder {
    /** Written before the images, so an interrupted demo's folder is still recognised as the demo's. */
    static final String MARKER = ".vmdisk-demo";
    /** Every name the demo may leave behind, including reset's temporary file of an interrupted run. */
    private static final Set<String> DEMO_NAMES =
            Set.of(MARKER, "rootfs.img", "rootfs.img.zst", ".rootfs.img.vmdisk-reset.tmp");

    private DemoFolder() {
    }

    /** Refuses {@code dir} (exit 2, nothing touched) unless the demo may write there; then marks it as the demo's. */
    static void claim(Path dir) throws IOException {
        check(dir);
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            Files.writeString(marker, "Made by vmdisk demo; vmdisk demo may replace everything in this folder.\n");
        }
    }

    static void check(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw refuse(dir, "not a folder");
        }
        boolean marked = Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
        String first = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = String.valueOf(entry.getFileName());
                // A symbolic link named rootfs.img could point at a real image: only plain files count as the demo's.
                boolean demoFile = DEMO_NAMES.contains(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
                if (!demoFile || !marked) {
                    first = name;
                    break;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (first != null) {
            throw refuse(dir, marked ? "holds " + first + ", which vmdisk demo did not make"
                    : "holds " + first + " and was not made by vmdisk demo (no " + MARKER + ")");
        }
    }

    private static UsageException refuse(Path dir, String why) {
        return new UsageException(dir + ": " + why + "; the demo writes only into a new or empty folder, or one an"
                + " earlier demo made; pass --dir with another folder (nothing was touched)");
    }
}
