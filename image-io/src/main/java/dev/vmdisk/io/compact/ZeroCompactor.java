package dev.vmdisk.io.compact;

import dev.vmdisk.io.inspect.OpenImage;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.DataExtents;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.scan.ScanWindows;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.scan.ZeroScan;
import dev.vmdisk.io.scan.ZeroScanner;

import java.nio.file.Path;
import java.util.List;

/**
 * Punches out every run of all-zero blocks inside an image's data extents, in place, keeping its size.
 *
 * <p>Safety: never while another process holds the image ({@link GuardedImage}: holders, lock, kernel
 * write lease); a holder found is an {@link dev.vmdisk.io.ImageInUseException} naming it, and nothing is
 * changed. A process that opens the image during the run stops it before the next punch
 * ({@link ExclusivityLostException}, exit 3, with what was punched by then). Runs are punched as the scanner finds them
 * (with a threshold, after the scan has shown they reach it: {@link Compactor#compactIfReclaimable}), aligned to
 * the file system's block (they are block-aligned by construction; a zero partial last block is punched
 * to the block's end, beyond the file's end, which keeps the size). Then the file is synced and the
 * allocated size read back from the file system.
 */
public final class ZeroCompactor implements Compactor {
    private final NativeFs fs;
    private final int windowPower;
    private final int threads;

    public ZeroCompactor(NativeFs fs) {
        this(fs, ScanWindows.DEFAULT_POWER, ZeroScanner.defaultThreads());
    }

    /** With a given window size and worker count, for tests and measurements. */
    public ZeroCompactor(NativeFs fs, int windowPower, int threads) {
        this.fs = fs;
        this.windowPower = windowPower;
        this.threads = threads;
    }

    /**
     * With a threshold the zero runs are found first (under the lock, after the holder checks), recorded,
     * and punched only if they reach it.
     */
    @Override
    public CompactResult compact(Path image, boolean dryRun, long minReclaim, ScanProgress progress) {
        long t0 = System.nanoTime();
        try (GuardedImage guarded = GuardedImage.open(fs, image, dryRun)) {
            OpenImage open = guarded.image();
            NativeFile file = open.file();
            long size = file.apparentSize();
            long before = file.allocatedBytes();
            ZeroScanner scanner = new ZeroScanner(file.fsBlockSize(), windowPower, threads);
            boolean gated = !dryRun && minReclaim > 0;
            // Gated: record the runs and decide before punching any; else punch each as it is found.
            RecordedZeroRuns recorded = gated ? new RecordedZeroRuns(progress, guarded::check) : null;
            ZeroPuncher puncher = new ZeroPuncher(file, size, scanner.blockSize(), dryRun, progress, guarded::check);
            ZeroScan scan;
            boolean below;
            try {
                scan = progress.follow(image, () -> DataExtents.of(file).dataBytes(),
                        () -> scanner.scanFile(file, guarded.reads(), gated ? recorded : puncher));
                below = gated && scan.zeroBytes() < minReclaim;
                if (gated && !below) {
                    recorded.replay(puncher);
                }
            } catch (ExclusivityLostException e) {
                throw Interrupted.by(e, 0, puncher.punched(), file, before);
            }
            if (!dryRun && puncher.punched() > 0) {
                file.sync();
            }
            long after = file.allocatedBytes();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new CompactResult(image, dryRun || below, size, before, after, 0, scan.zeroBytes(), puncher.punched(),
                    scan.scannedBytes(), seconds, List.of(), guarded.warning());
        }
    }
}
