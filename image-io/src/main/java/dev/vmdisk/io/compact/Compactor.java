package dev.vmdisk.io.compact;

import dev.vmdisk.io.scan.ScanProgress;

import java.nio.file.Path;

/** A way to compact an image in place: {@link ZeroCompactor} (zero blocks) or {@link TrimCompactor} (ext free space too). */
public interface Compactor {
    /**
     * Compacts {@code image}, or with {@code dryRun} only finds what would be freed (read-only, no lock;
     * refused in the same cases, so a dry run predicts the real one).
     */
    default CompactResult compact(Path image, boolean dryRun, ScanProgress progress) {
        return compact(image, dryRun, 0, progress);
    }

    /**
     * Compacts {@code image} only when it gives back at least {@code minReclaim} bytes, with a single scan;
     * below that nothing is changed, and the result is that of a dry run ({@link CompactResult#dryRun()}).
     */
    default CompactResult compactIfReclaimable(Path image, long minReclaim, ScanProgress progress) {
        return compact(image, false, minReclaim, progress);
    }

    /**
     * Both of the above: a dry run, or a compaction that punches nothing unless at least
     * {@code minReclaim} bytes come back (0: whatever comes back).
     */
    CompactResult compact(Path image, boolean dryRun, long minReclaim, ScanProgress progress);
}
