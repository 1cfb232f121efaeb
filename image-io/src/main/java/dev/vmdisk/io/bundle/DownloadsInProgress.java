package dev.vmdisk.io.bundle;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The app's downloads into a bundle: {@code *.partial} files. One that a process holds open is a download in
 * progress (the app fetching a new base); resetting from the old base meanwhile would race the app's own
 * replacement of it, so reset waits for it. One nobody holds is a stalled download.
 */
public final class DownloadsInProgress {
    public static final String SUFFIX = ".partial";

    private DownloadsInProgress() {
    }

    /** The {@code *.partial} regular files directly in {@code dir}, sorted by name. */
    public static List<Path> partials(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return found;
    }

    /**
     * Refuses while a process holds a {@code *.partial} in {@code dir}.
     *
     * @throws ImageInUseException naming the download and its holder (exit 3); nothing was changed
     */
    public static void refuseWhileDownloading(NativeFs fs, Path dir) {
        List<Path> partials = partials(dir);
        if (partials.isEmpty()) {
            return;
        }
        for (Map.Entry<Path, HolderReport> e : fs.holdersOfAll(partials).entrySet()) {
            if (e.getValue().held()) {
                throw new ImageInUseException(e.getKey() + ": a download into the bundle is in progress ("
                        + e.getValue().summary() + "); let it finish or quit the app, then reset; nothing was changed",
                        e.getValue());
            }
        }
    }
}
