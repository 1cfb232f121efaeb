package dev.vmdisk.io.compact;

import dev.vmdisk.io.guest.GuestFsReport;

import dev.vmdisk.io.content.ContentKind;

import java.nio.file.Path;
import java.util.List;

/**
 * What a compaction did; the allocated sizes are what the file system reported before and after.
 *
 * @param image           the image
 * @param dryRun          nothing was changed: {@code punchedBytes} is 0 and {@code zeroBytes} says what would go
 * @param apparentSize    the file's length, unchanged
 * @param allocatedBefore bytes allocated before ({@code st_blocks * 512})
 * @param allocatedAfter  bytes allocated afterwards, as the file system reports them after the sync
 * @param trimmedBytes    bytes of the guest's free blocks that were allocated on the host, punched without
 *                        reading them (in a dry run: that would be); 0 with zeros only
 * @param zeroBytes       bytes of whole zero blocks found inside data extents (outside trimmed ranges)
 * @param punchedBytes    bytes deallocated by hole punches, trimmed and zero blocks together
 * @param scannedBytes    data bytes read (holes are skipped)
 * @param seconds         wall-clock time taken
 * @param fileSystems     the ext file systems found and what trimming made of each; empty with zeros only
 * @param warning         a warning for the user (processes that could not be checked), or ""
 * @param foreignFormat   the other program's image format the image is in (its guest was not read, so only
 *                        zero blocks were punched), or null
 */
public record CompactResult(Path image, boolean dryRun, long apparentSize, long allocatedBefore, long allocatedAfter,
                            long trimmedBytes, long zeroBytes, long punchedBytes, long scannedBytes, double seconds,
                            List<GuestFsReport> fileSystems, String warning, ContentKind foreignFormat) {
    public CompactResult {
        fileSystems = List.copyOf(fileSystems);
    }

    /** A result with nothing more to say. */
    public CompactResult(Path image, boolean dryRun, long apparentSize, long allocatedBefore, long allocatedAfter,
                         long trimmedBytes, long zeroBytes, long punchedBytes, long scannedBytes, double seconds,
                         List<GuestFsReport> fileSystems, String warning) {
        this(image, dryRun, apparentSize, allocatedBefore, allocatedAfter, trimmedBytes, zeroBytes, punchedBytes,
                scannedBytes, seconds, fileSystems, warning, null);
    }
}
