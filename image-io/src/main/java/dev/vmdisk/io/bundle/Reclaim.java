package dev.vmdisk.io.bundle;

import dev.vmdisk.io.content.ContentKind;

/**
 * What {@code vmdisk compact} would give back for one image: the figures of its dry run, not an estimate.
 *
 * @param bytes        trimmed plus zero bytes; -1 when unknown (the image is held: compact refuses it)
 * @param trimmedBytes free guest blocks the host allocates, which the trim punches
 * @param zeroBytes    all-zero host blocks outside them
 * @param command      the command that frees {@code bytes}: {@code vmdisk compact}, or {@code vmdisk compact
 *                     --zeros-only} where compact refuses the trim; empty when unknown
 * @param note         why it is the zeros-only figure or unknown; or ""
 * @param foreignFormat the other program's image format the image is in (compact punches only its zero blocks),
 *                     or null
 */
public record Reclaim(long bytes, long trimmedBytes, long zeroBytes, String command, String note, ContentKind foreignFormat) {
    public static final String COMPACT = "vmdisk compact";
    public static final String ZEROS_ONLY = "vmdisk compact --zeros-only";

    public Reclaim(long bytes, long trimmedBytes, long zeroBytes, String command, String note) {
        this(bytes, trimmedBytes, zeroBytes, command, note, null);
    }

    static Reclaim unknown(String why) {
        return new Reclaim(-1, 0, 0, "", why);
    }

    public boolean known() {
        return bytes >= 0;
    }
}
