package dev.vmdisk.io.compact;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ContentKind;
import dev.vmdisk.io.content.ForeignFormats;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.guest.AllocatedFreeSpace;
import dev.vmdisk.io.guest.GuestFileSystems;
import dev.vmdisk.io.guest.GuestFs;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.guest.GuestFsSurvey;
import dev.vmdisk.io.inspect.OpenImage;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.DataExtents;
import dev.vmdisk.io.scan.Extent;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.scan.ScanWindows;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.scan.ZeroScan;
import dev.vmdisk.io.scan.ZeroScanner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives back what the guest deleted: punches the free blocks of every ext2/3/4 file system in the image
 * (the whole image, or each partition of its MBR or GPT) without reading them, then punches the all-zero
 * blocks of the rest as {@link ZeroCompactor} does.
 *
 * <p>Safety is {@link ZeroCompactor}'s (holders, exclusive lock, kernel write lease, a check before every
 * punch) plus the file systems' own: every one must be clean and fully understood, and its block bitmaps must agree with every in-use
 * inode. If any file system fails that, the whole image is refused with a {@link BadInputException}
 * (exit 4) before anything is changed: a half-compacted image would be harder to reason about than
 * an untouched one, and {@code --zeros-only} still works on it.
 *
 * <p>Free runs are aligned inward to the host's block, so a host block shared with used guest data
 * stays; only their parts the host still allocates are punched ({@code SEEK_DATA}/{@code SEEK_HOLE}).
 * The zero scan then reads the image's data extents less those ranges, so trimmed space is never read.
 */
public final class TrimCompactor implements Compactor {
    private final NativeFs fs;
    private final int windowPower;
    private final int threads;

    public TrimCompactor(NativeFs fs) {
        this(fs, ScanWindows.DEFAULT_POWER, ZeroScanner.defaultThreads());
    }

    /** With a given window size and worker count for the zero scan, for tests and measurements. */
    public TrimCompactor(NativeFs fs, int windowPower, int threads) {
        this.fs = fs;
        this.windowPower = windowPower;
        this.threads = threads;
    }

    /**
     * With a threshold, when the free runs alone reach it the compaction goes on as usual; otherwise the
     * rest is scanned first, its zero runs recorded, and nothing is punched unless the sum reaches it.
     *
     * @throws BadInputException when a file system may not be trimmed; nothing was changed
     */
    @Override
    public CompactResult compact(Path image, boolean dryRun, long minReclaim, ScanProgress progress) {
        long t0 = System.nanoTime();
        try (GuardedImage guarded = GuardedImage.open(fs, image, dryRun)) {
            OpenImage open = guarded.image();
            NativeFile file = open.file();
            long size = file.apparentSize();
            long before = file.allocatedBytes();

            ImageContent content = content(open, size);
            List<GuestFsSurvey.Surveyed> surveyed = survey(open, content);
            ContentKind foreignFormat = ForeignFormats.isForeign(content.kind()) ? content.kind() : null;
            List<GuestFsReport> reports = new ArrayList<>();
            List<AllocatedFreeSpace> spaces = new ArrayList<>();
            for (GuestFsSurvey.Surveyed s : surveyed) {
                reports.add(s.report());
                spaces.add(s.space());
            }
            AllocatedFreeSpace free = AllocatedFreeSpace.concat(spaces);

            // What the zero scan reads, listed before the free ranges are punched: after, each of them would
            // have split a data extent in two, and listing the rest would cost thousands more lseek calls.
            List<Extent> rest = new ArrayList<>();
            free.subtractFrom(DataExtents.of(file)).forEach(rest::add);

            ZeroScanner scanner = new ZeroScanner(file.fsBlockSize(), windowPower, threads);
            ZeroPuncher puncher = new ZeroPuncher(file, size, scanner.blockSize(), dryRun, progress, guarded::check);
            ScanWindows.Reads reads = guarded.reads();
            long[] trimmed = {0};
            ZeroScan scan;
            boolean below = false;
            try {
                if (dryRun || free.bytes() >= minReclaim) {
                    if (!dryRun) {
                        punchAll(guarded, free, trimmed);
                    }
                    scan = progress.follow(image, () -> totalLength(rest),
                            () -> scanner.scanExtents(file, reads, rest, puncher));
                } else {
                    // Not decided by the free runs alone: scan first, punch nothing until the sum is known.
                    RecordedZeroRuns recorded = new RecordedZeroRuns(progress, guarded::check);
                    scan = progress.follow(image, () -> totalLength(rest),
                            () -> scanner.scanExtents(file, reads, rest, recorded));
                    below = free.bytes() + scan.zeroBytes() < minReclaim;
                    if (!below) {
                        punchAll(guarded, free, trimmed);
                        recorded.replay(puncher);
                    }
                }
            } catch (ExclusivityLostException e) {
                throw Interrupted.by(e, trimmed[0], puncher.punched(), file, before);
            }
            long punched = dryRun || below ? 0 : free.bytes() + puncher.punched();
            if (punched > 0) {
                file.sync();
            }
            long after = file.allocatedBytes();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new CompactResult(image, dryRun || below, size, before, after, free.bytes(), scan.zeroBytes(), punched,
                    scan.scannedBytes(), seconds, reports, guarded.warning(), foreignFormat);
        }
    }

    /** Punches the free runs, asking before each whether the image is still vmdisk's alone; counts into {@code trimmed[0]}. */
    private static void punchAll(GuardedImage guarded, AllocatedFreeSpace free, long[] trimmed) {
        NativeFile file = guarded.image().file();
        for (int i = 0; i < free.count(); i++) {
            guarded.check();
            file.punchHole(free.start(i), free.end(i) - free.start(i));
            trimmed[0] += free.end(i) - free.start(i);
        }
    }

    private static long totalLength(Iterable<Extent> extents) {
        long total = 0;
        for (Extent e : extents) {
            total += e.length();
        }
        return total;
    }

    private static final String ZEROS_ONLY = "; nothing was changed (vmdisk compact --zeros-only still punches the all-zero blocks)";

    /** What the image holds, as inspect says. */
    private static ImageContent content(OpenImage open, long size) {
        try {
            return ContentDetector.detect(open.channel(), 0, size, open.path());
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage() + ZEROS_ONLY, e);
        }
    }

    /**
     * Surveys every ext file system of {@code content}; refuses the image unless all of them may be trimmed.
     * Another program's image format has none: its guest is never read ({@link ForeignFormats}).
     */
    private static List<GuestFsSurvey.Surveyed> survey(OpenImage open, ImageContent content) {
        Path image = open.path();
        String zerosOnly = ZEROS_ONLY;
        List<GuestFs> found = GuestFileSystems.in(content);
        String overlap = GuestFileSystems.overlap(content);
        if (!found.isEmpty() && overlap != null) {
            throw new BadInputException(image + ": cannot trim: " + overlap + " in the partition table" + zerosOnly);
        }
        List<GuestFsSurvey.Surveyed> out = new ArrayList<>();
        for (GuestFs g : found) {
            GuestFsSurvey.Surveyed s = GuestFsSurvey.survey(open.file(), open.channel(), g);
            if (!s.report().trimAllowed()) {
                throw new BadInputException(image + ": cannot trim the " + g.kind().displayName() + " file system in "
                        + g.where() + ": " + s.report().trimReason() + zerosOnly);
            }
            out.add(s);
        }
        return out;
    }
}
