package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;

import java.util.Map;

/**
 * The volume's free space before and after a compact, beside what the file gave back: a file's allocation
 * can drop while the volume gains nothing, because another file still shares its blocks (a clone made by
 * {@code cp -c} or a Finder duplicate on APFS, a reflink copy on Btrfs or XFS) or a snapshot keeps them (a
 * Time Machine local snapshot on macOS). "Freed" is then only true of the file, and the user is told why.
 *
 * @param freeBefore the volume's free bytes before the compact ({@code f_bfree × f_frsize})
 * @param freeAfter  the same after it
 * @param fileFreed  what the file's allocation dropped by
 */
record VolumeChange(long freeBefore, long freeAfter, long fileFreed, boolean macOs) {
    /** Below this the comparison says nothing: other programs write to the volume meanwhile. */
    static final long NOISE = 16L << 20;

    long volumeGained() {
        return freeAfter - freeBefore;
    }

    /** What the summary line ends with, e.g. {@code ; volume free 10.0 GiB -> 12.0 GiB}. */
    String suffix() {
        return "; volume free " + Sizes.human(freeBefore) + " -> " + Sizes.human(freeAfter);
    }

    /**
     * Why the volume did not gain what the file gave back, and what to do; "" when it gained at least half
     * (the rest is other writers) or when too little was freed to tell.
     */
    String warning() {
        if (fileFreed < NOISE || volumeGained() * 2 >= fileFreed) {
            return "";
        }
        String why = macOs
                ? "a clone of the image (cp -c, a Finder duplicate) or a Time Machine local snapshot still holds its old"
                + " blocks: tmutil listlocalsnapshots / lists the snapshots, and sudo tmutil thinlocalsnapshots / "
                + fileFreed + " 4 (or deleting the clone) gives the space back"
                : "another file still shares its old blocks (a reflink copy, cp --reflink) or a snapshot of the volume"
                + " keeps them (Btrfs, LVM, ZFS): delete the copy or the snapshot to get the space back";
        return "the image gave back " + Sizes.human(fileFreed) + " but the volume's free space grew by only "
                + Sizes.human(Math.max(0, volumeGained())) + "; probably " + why;
    }

    void putInto(Map<String, Object> m) {
        m.put("volumeFreeBytesBefore", freeBefore);
        m.put("volumeFreeBytesAfter", freeAfter);
    }
}
