package dev.vmdisk.cli;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.bundle.BundleImage;
import dev.vmdisk.io.bundle.BundleScanner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Image arguments where a bundle directory stands for its images, as {@code vmdisk status} lists them. */
final class ImageArgs {
    private ImageArgs() {
    }

    /**
     * Each argument as given, a directory replaced by its images in name order.
     *
     * @throws BadInputException a directory holds no image (nothing is done then)
     */
    static List<Path> expand(List<Path> args) {
        List<Path> images = new ArrayList<>();
        for (Path p : args) {
            if (!Files.isDirectory(p)) {
                images.add(p);
                continue;
            }
            List<BundleImage> found = BundleScanner.scan(p);
            if (found.isEmpty()) {
                throw new BadInputException(p + ": no images (*.img, *.raw) in this directory (pass the VM bundle directory that holds them)");
            }
            found.forEach(b -> images.add(b.path()));
        }
        return images;
    }
}
