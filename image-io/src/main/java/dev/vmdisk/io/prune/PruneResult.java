package dev.vmdisk.io.prune;

import dev.vmdisk.io.ext4.PruneEntry;

import java.nio.file.Path;
import java.util.List;

/**
 * What one prune did (or, in a dry run, would do).
 *
 * @param under               the guest directory whose entries were judged
 * @param entries             every entry directly under it, removed or kept (with why)
 * @param freedBytes          guest blocks freed (data, extent and indirect blocks, xattr blocks)
 * @param guestFreeBefore     the guest file system's free bytes before
 * @param guestFreeAfter      after (in a dry run: before plus what would be freed)
 * @param allocatedBefore     the image's host allocation before
 * @param allocatedAfter      after; -1 in a dry run
 * @param trimmedBytes        host bytes punched over the guest's free blocks afterwards; 0 in a dry run
 * @param cloned              whether a clone of the image was taken first (see {@link ImageClones})
 * @param warning             processes that could not be checked ("" when none)
 */
public record PruneResult(Path image, String format, boolean dryRun, String under, long olderThanSeconds,
        List<PruneEntry> entries, long freedBytes, int inodesFreed, int inodesUnlinked, long guestFreeBefore,
        long guestFreeAfter, long allocatedBefore, long allocatedAfter, long trimmedBytes, boolean cloned,
        double seconds, String warning) {

    public List<PruneEntry> removed() {
        return entries.stream().filter(PruneEntry::remove).toList();
    }

    public List<PruneEntry> kept() {
        return entries.stream().filter(e -> !e.remove()).toList();
    }

    /** Space the removed entries took, as du counts it. */
    public long removedBytes() {
        return removed().stream().mapToLong(PruneEntry::bytes).sum();
    }
}
