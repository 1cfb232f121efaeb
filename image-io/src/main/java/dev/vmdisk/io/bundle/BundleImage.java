package dev.vmdisk.io.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * An image found in a bundle directory and the bases found beside it.
 *
 * @param path  the image ({@code *.img} or {@code *.raw})
 * @param bases bases named after it ({@code IMAGE.zst}, {@code .xz}, {@code .gz}, {@code .bz2}, {@code .lz4}), usually none or one
 */
public record BundleImage(Path path, List<BaseFile> bases) {
    public BundleImage {
        bases = List.copyOf(bases);
    }
}
