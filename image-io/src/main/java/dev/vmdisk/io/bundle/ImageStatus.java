package dev.vmdisk.io.bundle;

import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.inspect.Inspection;

import java.util.Optional;

/**
 * One image of a bundle as {@code vmdisk status} shows it: what inspection found, or why it could not look.
 *
 * @param image      the image and its bases
 * @param inspection sizes, zero blocks (what {@code vmdisk compact} gives back) and holders; empty when {@code problem} is set
 * @param problem    why the image could not be inspected; empty when it was
 */
public record ImageStatus(BundleImage image, Optional<Inspection> inspection, Optional<VmdiskException> problem) {
    public ImageStatus {
        if (inspection.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("exactly one of inspection and problem");
        }
    }
}
