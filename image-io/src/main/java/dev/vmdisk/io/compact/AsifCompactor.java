package dev.vmdisk.io.compact;

import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.asif.AsifSurvey;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.inspect.OpenImage;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.Extent;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.scan.ScanWindows;
import dev.vmdisk.io.scan.ZeroScan;
import dev.vmdisk.io.scan.ZeroScanner;

import java.nio.file.Path;
import java.util.List;

/**
 * Compacts an ASIF file without changing its format: punches host holes inside <b>data</b> chunks only,
 * over the guest's free blocks (unless zeros only) and over the all-zero host blocks of the rest of
 * them. A chunk stays mapped and its punched part reads back as zeros, which is what those guest blocks
 * may hold; the header, directories, tables, bitmaps and metadata chunk are never punched, nor a chunk
 * the other directory uses, nor anything past the virtual size ({@link AsifImage#forEachHostPiece}).
 * Unmapping a chunk would rewrite a table, so it is never done.
 *
 * <p>Safety is {@link TrimCompactor}'s: {@link GuardedImage} (holders, lock, kernel write lease on the
 * one open file, a {@code check()} before every punch), the ASIF file read and checked whole through that
 * descriptor before anything is punched, and every guest file system clean and understood or the whole
 * image refused (exit 4) with nothing changed.
 */
public final class AsifCompactor implements Compactor {
    private final NativeFs fs;
    private final boolean trim;
    private final int windowPower;
    private final int threads;

    /** @param trim false for zeros only ({@code --zeros-only}) */
    public AsifCompactor(NativeFs fs, boolean trim) {
        this(fs, trim, ScanWindows.DEFAULT_POWER, ZeroScanner.defaultThreads());
    }

    public AsifCompactor(NativeFs fs, boolean trim, int windowPower, int threads) {
        this.fs = fs;
        this.trim = trim;
        this.windowPower = windowPower;
        this.threads = threads;
    }

    @Override
    public CompactResult compact(Path image, boolean dryRun, long minReclaim, ScanProgress progress) {
        long t0 = System.nanoTime();
        try (GuardedImage guarded = GuardedImage.open(fs, image, dryRun)) {
            OpenImage open = guarded.image();
            NativeFile file = open.file();
            long size = file.apparentSize();
            long before = file.allocatedBytes();
            AsifImage asif = AsifImage.read(open.channel(), image);
            AsifSurvey survey = AsifSurvey.of(file, asif, trim, true, null);
            List<Extent> free = survey.free();
            long freeBytes = survey.freeBytes();

            ZeroScanner scanner = new ZeroScanner(file.fsBlockSize(), windowPower, threads);
            ZeroPuncher puncher = new ZeroPuncher(file, size, scanner.blockSize(), dryRun, progress, guarded::check);
            ScanWindows.Reads reads = guarded.reads();
            long[] trimmed = {0};
            ZeroScan scan;
            boolean below = false;
            try {
                if (dryRun || freeBytes >= minReclaim) {
                    if (!dryRun) {
                        punchAll(guarded, free, trimmed);
                    }
                    scan = progress.follow(image, survey::restBytes, () -> scanner.scanExtents(file, reads, survey.rest(), puncher));
                } else {
                    RecordedZeroRuns recorded = new RecordedZeroRuns(progress, guarded::check);
                    scan = progress.follow(image, survey::restBytes, () -> scanner.scanExtents(file, reads, survey.rest(), recorded));
                    below = freeBytes + scan.zeroBytes() < minReclaim;
                    if (!below) {
                        punchAll(guarded, free, trimmed);
                        recorded.replay(puncher);
                    }
                }
            } catch (ExclusivityLostException e) {
                throw Interrupted.by(e, trimmed[0], puncher.punched(), file, before);
            }
            long punched = dryRun || below ? 0 : freeBytes + puncher.punched();
            if (punched > 0) {
                file.sync();
            }
            long after = file.allocatedBytes();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new CompactResult(image, dryRun || below, size, before, after, freeBytes, scan.zeroBytes(), punched,
                    scan.scannedBytes(), seconds, survey.reports(), guarded.warning());
        }
    }

    private static void punchAll(GuardedImage guarded, List<Extent> free, long[] trimmed) {
        NativeFile file = guarded.image().file();
        for (Extent e : free) {
            guarded.check();
            file.punchHole(e.offset(), e.length());
            trimmed[0] += e.length();
        }
    }
}
