package dev.vmdisk.io.compact;

import java.nio.file.Path;

/**
 * What a compaction did; the allocated sizes are what the file system reported before and after.
 *
 * @param image           the image
 * @param dryRun          nothing was changed: {@code punchedBytes} is 0 and {@code zeroBytes} says what would go
 * @param apparentSize    the file's length, unchanged
 * @param allocatedBefore bytes allocated before ({@code st_blocks * 512})
 * @param allocatedAfter  bytes allocated afterwards, as the file system reports them after the sync
 * @param zeroBytes       bytes of whole zero blocks found inside data extents
 * @param punchedBytes    bytes deallocated by hole punches
 * @param scannedBytes    data bytes read (holes are skipped)
 * @param seconds         wall-clock time taken
 * @param warning         a warning for the user (processes that could not be checked), or ""
 */
public record CompactResult(Path image, boolean dryRun, long apparentSize, long allocatedBefore, long allocatedAfter,
                            long zeroBytes, long punchedBytes, long scannedBytes, double seconds, String warning) {
}
