package dev.vmdisk.io.compact;

import dev.vmdisk.io.LongList;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.scan.ZeroRunListener;

/**
 * Keeps the zero runs a scan finds instead of punching them, so a compaction with a threshold can scan
 * once, decide, and then punch what it found ({@link #replay}) without a second scan.
 */
final class RecordedZeroRuns implements ZeroRunListener {
    private final ScanProgress progress;
    private final Runnable check;
    private final LongList runs = new LongList(); // offset, length, ...

    /** @param check called after every window, as {@link ZeroPuncher} does: a late opener stops the scan too */
    RecordedZeroRuns(ScanProgress progress, Runnable check) {
        this.progress = progress;
        this.check = check;
    }

    @Override
    public void zeroRun(long offset, long length) {
        runs.add(offset, length);
    }

    @Override
    public void progress(long scannedBytes) {
        check.run();
        progress.advance(scannedBytes);
    }

    /** Hands the runs, in file order, to {@code listener} (e.g. a {@link ZeroPuncher}). */
    void replay(ZeroRunListener listener) {
        for (int i = 0; i < runs.size(); i += 2) {
            listener.zeroRun(runs.get(i), runs.get(i + 1));
        }
    }
}
