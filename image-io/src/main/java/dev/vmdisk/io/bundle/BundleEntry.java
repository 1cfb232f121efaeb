package dev.vmdisk.io.bundle;

import dev.vmdisk.io.nativefs.HolderReport;

import java.nio.file.Path;

/**
 * One file (or directory) of a bundle, or one copy in {@code vm_bundles/warm/}, as {@code vmdisk status} accounts for it.
 * Figures and names only; the CLI words them (BundleEntryDetail).
 *
 * @param path           the entry
 * @param kind           what it is
 * @param apparentBytes  its length (for a directory: the apparent size of the regular files below it)
 * @param allocatedBytes what the host allocates for it, as {@code du} counts it (a directory with all below it;
 *                       an inode another entry already counted adds 0): what removing it would free
 * @param belongsTo      the name of the file it belongs to: a base's, a release marker's or a kept copy's image,
 *                       a kernel base's kernel, the image a reset leftover was a new copy of; else null
 * @param holders        for a download ({@code *.partial}), the processes holding it; else null
 * @param unreadable     why the entry could not be listed (the system's message); else null
 */
public record BundleEntry(Path path, BundleFileKind kind, long apparentBytes, long allocatedBytes, String belongsTo,
                          HolderReport holders, String unreadable) {

    /** An entry that belongs to nothing else and was read. */
    static BundleEntry of(Path path, BundleFileKind kind, long apparentBytes, long allocatedBytes) {
        return new BundleEntry(path, kind, apparentBytes, allocatedBytes, null, null, null);
    }
}
