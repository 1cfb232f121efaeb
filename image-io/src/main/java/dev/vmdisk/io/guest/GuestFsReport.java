package dev.vmdisk.io.guest;

/**
 * What vmdisk found about one ext file system of an image, for {@code inspect} and {@code compact}.
 * Sizes are in bytes; {@code label}, {@code uuid} and the sizes are unknown (null, -1) when the file
 * system could not be read.
 *
 * @param fs                     where it is
 * @param sizeBytes              its size inside the guest ({@code s_blocks_count × block size})
 * @param usedBytes              used inside the guest (size less free blocks, as the group descriptors count them)
 * @param freeBytes              free inside the guest
 * @param state                  "clean", "not clean", "not clean, with errors, needs journal recovery", …;
 *                               "marked clean but inconsistent" when the cross-checks of a trim refuse
 * @param trimAllowed            whether its free blocks may be punched: clean, understood, bitmaps agree with the
 *                               inodes and the directories
 * @param trimReason             "clean" when allowed, else why not and what to do
 * @param hostAllocatedFreeBytes bytes of its free space the host still allocates, host-block aligned: what
 *                               trimming gives back; -1 when trimming is refused (then not counted)
 */
public record GuestFsReport(GuestFs fs, String label, String uuid, long sizeBytes, long usedBytes, long freeBytes,
                            String state, boolean trimAllowed, String trimReason, long hostAllocatedFreeBytes) {
    /** At or above this share used, a guest's unprivileged writes fail: ext reserves 5% for root by default. */
    public static final int NEARLY_FULL_PERCENT = 95;

    /** A file system vmdisk could not read: only where it is and why. */
    static GuestFsReport unreadable(GuestFs fs, String reason) {
        return new GuestFsReport(fs, null, null, -1, -1, -1, "unreadable", false, reason, -1);
    }

    /** Used share of the size in percent, rounded down; -1 when unknown. */
    public int usedPercent() {
        return sizeBytes <= 0 || usedBytes < 0 ? -1 : (int) (usedBytes * 100.0 / sizeBytes);
    }

    /** At least 95% used: the guest's processes get "No space left on device" while the host may have room. */
    public boolean nearlyFull() {
        return sizeBytes > 0 && usedBytes >= 0 && usedBytes >= sizeBytes * (NEARLY_FULL_PERCENT / 100.0);
    }
}
