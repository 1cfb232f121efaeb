package dev.vmdisk.io.bundle;

/**
 * What {@code vmdisk compact} would give back for one image: the figures of its dry run, not an estimate.
 *
 * @param bytes        trimmed plus zero bytes; -1 when unknown (the image is held: compact refuses it)
 * @param trimmedBytes free guest blocks the host allocates, which the trim punches
 * @param zeroBytes    all-zero host blocks outside them
 * @param command      the command that frees {@code bytes}: {@code vmdisk compact}, or {@code vmdisk compact
 *                     --zeros-only} where compact refuses the trim; empty when unknown
 * @param note         why it is the zeros-only figure or unknown, or what compact says of the image (another
 *                     program's format); or ""
 */
public record Reclaim(long bytes, long trimmedBytes, long zeroBytes, String command, String note) {
    public static final String COMPACT = "vmdisk compact";
    public static final String ZEROS_ONLY = "vmdisk compact --zeros-only";

    static Reclaim unknown(String why) {
        return new Reclaim(-1, 0, 0, "", why);
    }

    public boolean known() {
        return bytes >= 0;
    }
}
