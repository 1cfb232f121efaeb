package dev.vmdisk.io.content;

/**
 * What one signature probe recognised, before it is placed in the image.
 *
 * @param facts     the figures the probe read (see {@link ContentFacts})
 * @param sizeBytes the size the structure claims for itself, or -1 when it does not say
 */
record Found(ContentKind kind, ContentFacts facts, long sizeBytes, String label, String uuid) {
    /** {@code count * unit} as a byte size, or -1 when a corrupt count would overflow it. */
    static long bytes(long count, long unit) {
        if (count < 0 || unit <= 0 || count > Long.MAX_VALUE / unit) {
            return -1;
        }
        return count * unit;
    }
}
