package dev.vmdisk.io.bundle;

import java.nio.file.Path;

/**
 * A temporary file of a {@code vmdisk reset} found in a bundle ({@code .rootfs.img.vmdisk-reset.tmp}):
 * what a reset killed with {@code kill -9}, or one still running, left beside its image.
 *
 * @param path           the temporary file
 * @param image          the image it was to replace
 * @param apparentBytes  its length
 * @param allocatedBytes what the host allocates for it: what removing it gives back
 */
public record LeftoverFile(Path path, Path image, long apparentBytes, long allocatedBytes) {
}
