package dev.vmdisk.io.bundle;

import java.nio.file.Path;

/**
 * One file (or directory) of a bundle, or one copy in {@code vm_bundles/warm/}, as {@code vmdisk status} accounts for it.
 *
 * @param path           the entry
 * @param kind           what it is
 * @param apparentBytes  its length (for a directory: the apparent size of the regular files below it)
 * @param allocatedBytes what the host allocates for it, as {@code du} counts it (a directory with all below it;
 *                       an inode another entry already counted adds 0): what removing it would free
 * @param detail         what else to know: which file a marker or base belongs to, who holds a download; or ""
 */
public record BundleEntry(Path path, BundleFileKind kind, long apparentBytes, long allocatedBytes, String detail) {
}
