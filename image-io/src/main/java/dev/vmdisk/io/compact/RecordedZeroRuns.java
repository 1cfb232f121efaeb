package dev.vmdisk.io.compact;

import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.scan.ZeroRunListener;

import java.util.Arrays;

/**
 * Keeps the zero runs a scan finds instead of punching them, so a compaction with a threshold can scan
 * once, decide, and then punch what it found ({@link #replay}) without a second scan.
 */
final class RecordedZeroRuns implements ZeroRunListener {
    private final ScanProgress progress;
    private long[] runs = new long[64]; // offset, length, ...
    private int count;

    RecordedZeroRuns(ScanProgress progress) {
        this.progress = progress;
    }

    @Override
    public void zeroRun(long offset, long length) {
        if (count == runs.length) {
            runs = Arrays.copyOf(runs, count * 2);
        }
        runs[count++] = offset;
        runs[count++] = length;
    }

    @Override
    public void progress(long scannedBytes) {
        progress.advance(scannedBytes);
    }

    /** Hands the runs, in file order, to {@code listener} (e.g. a {@link ZeroPuncher}). */
    void replay(ZeroRunListener listener) {
        for (int i = 0; i < count; i += 2) {
            listener.zeroRun(runs[i], runs[i + 1]);
        }
    }
}
