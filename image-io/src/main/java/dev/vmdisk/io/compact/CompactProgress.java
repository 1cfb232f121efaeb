package dev.vmdisk.io.compact;

import java.nio.file.Path;

/** Follows a compaction's scan, e.g. to draw a progress bar. Called on the compacting thread. */
public interface CompactProgress {
    /** No progress: the compactor then skips counting the data bytes up front. */
    CompactProgress NONE = new CompactProgress() {
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
}
