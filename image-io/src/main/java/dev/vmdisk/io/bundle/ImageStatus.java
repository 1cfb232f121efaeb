package dev.vmdisk.io.bundle;

import dev.vmdisk.io.VmdiskException;

import java.util.Optional;

/**
 * One image of a bundle as {@code vmdisk status} shows it: what was found, or why it could not look.
 *
 * @param image   the image and its bases
 * @param figures sizes, format, guest file systems, holders and what compact gives back; empty when {@code problem} is set
 * @param problem why the image could not be read; empty when it was
 */
public record ImageStatus(BundleImage image, Optional<ImageFigures> figures, Optional<VmdiskException> problem) {
    public ImageStatus {
        if (figures.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("exactly one of figures and problem");
        }
    }
}
