package dev.vmdisk.io.compact;

import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.scan.ZeroRunListener;

/**
 * Punches each zero run as the scanner hands it over; only counts in a dry run. Before every punch and
 * after every window it asks the guard whether the image is still vmdisk's alone ({@link GuardedImage#check}),
 * so a process that opens the image mid-run stops the compaction at once.
 */
final class ZeroPuncher implements ZeroRunListener {
    private final NativeFile file;
    private final long size;
    private final long block;
    private final boolean dryRun;
    private final ScanProgress progress;
    private final Runnable check;
    private long punched;

    ZeroPuncher(NativeFile file, long size, int block, boolean dryRun, ScanProgress progress, Runnable check) {
        this.file = file;
        this.size = size;
        this.block = block;
        this.dryRun = dryRun;
        this.progress = progress;
        this.check = check;
    }

    /** Bytes punched so far. */
    long punched() {
        return punched;
    }

    @Override
    public void zeroRun(long offset, long length) {
        if (dryRun) {
            return;
        }
        long end = offset + length;
        // A run is block-aligned except at the file's end; punch that last block whole (APFS needs it).
        long alignedEnd = end == size ? (end + block - 1) & -block : end;
        check.run();
        file.punchHole(offset, alignedEnd - offset);
        punched += length;
    }

    @Override
    public void progress(long scannedBytes) {
        check.run(); // a window can be long without a zero run: stop there too
        progress.advance(scannedBytes);
    }
}
