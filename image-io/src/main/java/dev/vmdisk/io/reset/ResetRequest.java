package dev.vmdisk.io.reset;

import java.nio.file.Path;

/**
 * What {@code vmdisk reset} was asked to do.
 *
 * @param image   the image to replace
 * @param base    where to rebuild it from, or {@code null} for {@code IMAGE.zst} beside the image
 * @param keepOld    keep the old image as {@code IMAGE.old}
 * @param resize     allow the new image to differ in size from the old one ({@code --resize})
 * @param anyContent install content that holds no partition table or file system vmdisk recognises
 *                   ({@code --any-content})
 */
public record ResetRequest(Path image, Path base, boolean keepOld, boolean resize, boolean anyContent) {
    public ResetRequest {
        if (image == null) {
            throw new IllegalArgumentException("image is required");
        }
    }

    /** A reset with every check on: same size, recognised content. */
    public ResetRequest(Path image, Path base, boolean keepOld) {
        this(image, base, keepOld, false, false);
    }

    /** The base to use: the one given, else {@code IMAGE.zst} beside the image. */
    public Path baseOrDefault() {
        return base != null ? base : image.resolveSibling(image.getFileName() + ".zst");
    }
}
