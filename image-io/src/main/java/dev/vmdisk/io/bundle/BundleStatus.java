package dev.vmdisk.io.bundle;

import dev.vmdisk.io.inspect.Inspection;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code vmdisk status} shows for a bundle; text and JSON are both made from this.
 *
 * @param dir    the bundle directory
 * @param images its images, sorted by name
 * @param volume the host volume that holds the bundle
 * @param leftovers temporary files of resets that did not finish (or are running), sorted by name
 */
public record BundleStatus(Path dir, List<ImageStatus> images, VolumeUsage volume, List<LeftoverFile> leftovers) {
    public BundleStatus {
        images = List.copyOf(images);
        leftovers = List.copyOf(leftovers);
    }

    /** Bytes the host has allocated for the images and their bases. */
    public long allocatedBytes() {
        long sum = 0;
        for (ImageStatus s : images) {
            sum += s.inspection().map(Inspection::allocatedBytes).orElse(0L);
            sum += s.image().bases().stream().mapToLong(BaseFile::bytes).sum();
        }
        return sum;
    }

    /** Bytes {@code vmdisk compact} would give back over all images: allocated blocks that are all zeros. */
    public long compactableBytes() {
        return images.stream().mapToLong(s -> s.inspection().map(Inspection::zeroBytes).orElse(0L)).sum();
    }
}
