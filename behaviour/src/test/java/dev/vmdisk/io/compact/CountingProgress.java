package dev.vmdisk.io.compact;

import dev.vmdisk.io.scan.ScanProgress;

import java.nio.file.Path;

/** Counts the scans a compaction starts: each scan begins its progress once. */
final class CountingProgress implements ScanProgress {
    int scans;

    @Override
    public void begin(Path image, long totalBytes) {
        scans++;
    }
}
