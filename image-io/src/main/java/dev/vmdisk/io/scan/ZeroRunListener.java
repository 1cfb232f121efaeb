package dev.vmdisk.io.scan;

/**
 * Receives what a {@link ZeroScanner} finds, always on the thread that called {@code scan}, in file order.
 */
public interface ZeroRunListener {
    /** A listener that only lets the scan count. */
    ZeroRunListener NONE = (offset, length) -> { };

    /**
     * A maximal run of all-zero blocks inside data extents: {@code offset} is block-aligned, and so is
     * {@code offset + length} unless the run ends at the end of the file (a zero partial last block).
     * Runs arrive in increasing order and never touch each other.
     */
    void zeroRun(long offset, long length);

    /** How many data bytes have been read so far (for progress); called after each window. */
    default void progress(long scannedBytes) {
    }
}
