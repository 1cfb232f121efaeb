package dev.vmdisk.io.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code vmdisk status} shows for a bundle; text and JSON are both made from this.
 *
 * @param dir            the bundle directory
 * @param images         its images, sorted by name
 * @param volume         the host volume that holds the bundle
 * @param leftovers      temporary files of resets that did not finish (or are running), sorted by name
 * @param files          every entry directly in the bundle directory, by kind, sorted by name
 * @param allocatedBytes what the bundle directory takes on the host, as {@code du -s} counts it
 * @param warm           the copies in {@code vm_bundles/warm/} beside the bundle, each counted as {@code du -s} does
 * @param uncounted      what could not be counted (unreadable entries), one line each
 */
public record BundleStatus(Path dir, List<ImageStatus> images, VolumeUsage volume, List<LeftoverFile> leftovers,
                           List<BundleEntry> files, long allocatedBytes, List<BundleEntry> warm, List<String> uncounted) {
    public BundleStatus {
        images = List.copyOf(images);
        leftovers = List.copyOf(leftovers);
        files = List.copyOf(files);
        warm = List.copyOf(warm);
        uncounted = List.copyOf(uncounted);
    }

    /** What compact would give back over the images whose figure is known. */
    public long reclaimableBytes() {
        return images.stream().flatMap(s -> s.figures().stream()).mapToLong(f -> Math.max(0, f.reclaim().bytes())).sum();
    }

    /** What removing every warm copy would free. */
    public long warmBytes() {
        return warm.stream().mapToLong(BundleEntry::allocatedBytes).sum();
    }
}
