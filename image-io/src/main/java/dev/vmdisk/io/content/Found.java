package dev.vmdisk.io.content;

/**
 * What one signature probe recognised, before it is placed in the image.
 *
 * @param title     how the description starts: the kind's display name, or a closer one ("FAT32")
 * @param detail    what follows the title in the description ("4.0 MiB, 1024-byte blocks"); may be empty
 * @param sizeBytes the size the structure claims for itself, or -1 when it does not say
 */
record Found(ContentKind kind, String title, String detail, long sizeBytes, String label, String uuid) {
    Found(ContentKind kind, String detail, long sizeBytes, String label, String uuid) {
        this(kind, kind.displayName(), detail, sizeBytes, label, uuid);
    }

    String description() {
        return detail.isEmpty() ? title : title + ", " + detail;
    }
    /** {@code count * unit} as a byte size, or -1 when a corrupt count would overflow it. */
    static long bytes(long count, long unit) {
        if (count < 0 || unit <= 0 || count > Long.MAX_VALUE / unit) {
            return -1;
        }
        return count * unit;
    }
}
