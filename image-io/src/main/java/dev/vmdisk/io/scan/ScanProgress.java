package dev.vmdisk.io.scan;

import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Follows a scan of an image's data (compact, inspect), e.g. to draw a progress bar. Called on the scanning thread. */
public interface ScanProgress {
    /** No progress: the scanner then skips counting the data bytes up front. */
    ScanProgress NONE = new ScanProgress() {
    };

    /** The scan of {@code image} starts and will read {@code totalBytes} data bytes. */
    default void begin(Path image, long totalBytes) {
    }

    /** {@code scannedBytes} of them have been read. */
    default void advance(long scannedBytes) {
    }

    /** The scan ended, whether it finished or failed. */
    default void end() {
    }

    /**
     * Runs {@code scan} between {@link #begin} and {@link #end}. The total is counted only when someone
     * follows ({@link #NONE} skips it: counting costs a walk over the data extents).
     */
    default <T> T follow(Path image, LongSupplier totalBytes, Supplier<T> scan) {
        if (this != NONE) {
            begin(image, totalBytes.getAsLong());
        }
        try {
            return scan.get();
        } finally {
            end();
        }
    }

    /** A listener for a scan that only reports progress to this and punches nothing. */
    default ZeroRunListener asListener() {
        ScanProgress self = this;
        return new ZeroRunListener() {
            @Override
            public void zeroRun(long offset, long length) {
            }

            @Override
            public void progress(long scannedBytes) {
                self.advance(scannedBytes);
            }
        };
    }
}
