package dev.vmdisk.io.inspect;

import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.asif.AsifSurvey;
import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ContentKind;
import dev.vmdisk.io.scan.Extent;
import dev.vmdisk.io.scan.ScanWindows;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.guest.GuestFileSystems;
import dev.vmdisk.io.guest.GuestFs;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.guest.AllocatedFreeSpace;
import dev.vmdisk.io.guest.GuestFsSurvey;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.io.scan.ZeroRunListener;
import dev.vmdisk.io.scan.ZeroScanner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gathers an {@link Inspection}: reads only, never changes the image. For each ext file system it also
 * reads every in-use inode's block map and the block bitmaps, to tell how much of the guest's free space
 * the host still allocates (what {@code vmdisk compact} would trim).
 */
public final class ImageInspector {
    private final NativeFs fs;
    private final Map<Path, HolderReport> knownHolders;

    public ImageInspector(NativeFs fs) {
        this(fs, Map.of());
    }

    /**
     * @param knownHolders holder reports already found for some of the images ({@link NativeFs#holdersOfAll}),
     *                     used instead of a scan of their own; the others are scanned when inspected
     */
    public ImageInspector(NativeFs fs, Map<Path, HolderReport> knownHolders) {
        this.fs = fs;
        this.knownHolders = Map.copyOf(knownHolders);
    }

    /**
     * @param progress follows the zero scan, the long part on a large image (for a progress bar)
     */
    public Inspection inspect(Path path, ScanProgress progress) {
        FileKind.requireRegularFile(path);
        try (OpenImage image = OpenImage.open(fs, path, Access.READ_ONLY)) {
            NativeFile file = image.file();
            long apparent = file.apparentSize();
            long allocated = file.allocatedBytes();
            ImageLayout layout = ImageLayout.of(file);
            ImageContent content = ContentDetector.detect(image.channel(), 0, apparent, path);
            if (content.kind() == ContentKind.ASIF) {
                return asif(image, layout, content, progress);
            }
            List<GuestFsReport> fileSystems = new ArrayList<>();
            List<AllocatedFreeSpace> free = new ArrayList<>();
            for (GuestFs g : GuestFileSystems.in(content)) {
                GuestFsSurvey.Surveyed s = GuestFsSurvey.survey(file, image.channel(), g);
                fileSystems.add(s.report());
                free.add(s.space());
            }
            // The zero runs that fall in guest-free space, counted as they pass: the two figures overlap by that much.
            AllocatedFreeSpace freeSpace = AllocatedFreeSpace.concat(free);
            ZeroRunListener shown = progress.asListener();
            long[] zeroFree = {0};
            long zeroBytes = progress.follow(path, layout::dataBytes, () -> ZeroScanner.scan(file, new ZeroRunListener() {
                @Override
                public void zeroRun(long offset, long length) {
                    zeroFree[0] += freeSpace.overlap(offset, length);
                    shown.zeroRun(offset, length);
                }

                @Override
                public void progress(long scannedBytes) {
                    shown.progress(scannedBytes);
                }
            })).zeroBytes();
            return new Inspection(path, apparent, allocated, file.fsBlockSize(), layout, zeroBytes, content, fileSystems,
                    knownHolders.containsKey(path) ? knownHolders.get(path) : fs.holders(path), zeroFree[0]);
        }
    }

    /**
     * An ASIF file: the guest's file systems are those on its virtual disk, and zero blocks count only
     * inside data chunks, the only place {@code compact} punches.
     */
    private Inspection asif(OpenImage image, ImageLayout layout, ImageContent content, ScanProgress progress) {
        NativeFile file = image.file();
        AsifImage asif = AsifImage.read(image.channel(), image.path());
        AsifSurvey survey = AsifSurvey.of(file, asif, true, false, content.virtualDisk().content());
        ZeroScanner scanner = ZeroScanner.forFile(file);
        long zeroBytes = progress.follow(image.path(), () -> total(survey.data()),
                () -> scanner.scanExtents(file, ScanWindows.Reads.COPIED, survey.data(), progress.asListener())).zeroBytes();
        return new Inspection(image.path(), file.apparentSize(), file.allocatedBytes(), file.fsBlockSize(), layout, zeroBytes,
                content, survey.reports(), fs.holders(image.path()));
    }

    /** The extents' bytes: the progress bar's total. */
    private static long total(List<Extent> extents) {
        long total = 0;
        for (Extent e : extents) {
            total += e.length();
        }
        return total;
    }
}
