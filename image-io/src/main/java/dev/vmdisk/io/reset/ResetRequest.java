package dev.vmdisk.io.reset;

import java.nio.file.Path;

/**
 * What {@code vmdisk reset} was asked to do.
 *
 * @param image   the image to replace
 * @param base    where to rebuild it from, or {@code null} for {@code IMAGE.zst} beside the image
 * @param keepOld keep the old image as {@code IMAGE.old}
 */
public record ResetRequest(Path image, Path base, boolean keepOld) {
    public ResetRequest {
        if (image == null) {
            throw new IllegalArgumentException("image is required");
        }
    }

    /** The base to use: the one given, else {@code IMAGE.zst} beside the image. */
    public Path baseOrDefault() {
        return base != null ? base : image.resolveSibling(image.getFileName() + ".zst");
    }
}
