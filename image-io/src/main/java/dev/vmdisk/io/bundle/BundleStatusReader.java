package dev.vmdisk.io.bundle;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.compact.AsifCompactor;
import dev.vmdisk.io.compact.ByFormat;
import dev.vmdisk.io.compact.CompactResult;
import dev.vmdisk.io.compact.Compactor;
import dev.vmdisk.io.compact.TrimCompactor;
import dev.vmdisk.io.compact.ZeroCompactor;
import dev.vmdisk.io.inspect.FileNames;
import dev.vmdisk.io.inspect.ImageInspector;
import dev.vmdisk.io.inspect.Inspection;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.reset.ResetLeftovers;
import dev.vmdisk.io.scan.ScanProgress;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers a {@link BundleStatus}: reads only, never changes a file, takes no lock and no lease. What compact
 * would give back is the figure of {@code vmdisk compact --dry-run} itself (the same compactors, read-only:
 * positional reads by copying, no mapping), so it cannot differ from what compact then frees.
 */
public final class BundleStatusReader {
    /** The Claude app's copies of the next release, beside its bundle: {@code vm_bundles/warm/<release>/}. */
    public static final String WARM = "warm";

    private final NativeFs fs;

    public BundleStatusReader(NativeFs fs) {
        this.fs = fs;
    }

    /**
     * Reads every image in {@code dir} and accounts for every other file. An image that cannot be read
     * (permission, a file that vanished) is reported with its problem and the others are still shown.
     *
     * @throws BadInputException {@code dir} is not a directory or holds no image
     */
    public BundleStatus read(Path dir, ScanProgress progress) {
        List<BundleImage> found = BundleScanner.scan(dir);
        if (found.isEmpty()) {
            throw new BadInputException(dir + ": no images (*.img, *.raw) in this directory (pass the VM bundle directory that holds them)");
        }
        List<Path> partials = DownloadsInProgress.partials(dir);
        // One holder scan for the whole bundle, downloads included: per image, it walked every process once per
        // image, which dominated a status of thousands of images.
        List<Path> watched = new ArrayList<>();
        found.stream().map(BundleImage::path).filter(FileNames::representable).forEach(watched::add);
        partials.stream().filter(FileNames::representable).forEach(watched::add);
        Map<Path, HolderReport> holders = fs.holdersOfAll(watched);
        NativeFs known = new KnownHoldersFs(fs, holders);
        ImageInspector inspector = new ImageInspector(known, holders);
        Compactor compact = new ByFormat(new TrimCompactor(known), new AsifCompactor(known, true));
        Compactor zerosOnly = new ByFormat(new ZeroCompactor(known), new AsifCompactor(known, false));

        List<ImageStatus> images = new ArrayList<>();
        for (BundleImage image : found) {
            try {
                images.add(new ImageStatus(image, Optional.of(figures(image.path(), known, inspector, compact, zerosOnly,
                        progress)), Optional.empty()));
            } catch (VmdiskException e) {
                images.add(new ImageStatus(image, Optional.empty(), Optional.of(e)));
            }
        }
        List<LeftoverFile> leftovers = new ArrayList<>();
        for (Path p : BundleScanner.resetTemporaries(dir)) {
            try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
                leftovers.add(new LeftoverFile(p, p.resolveSibling(ResetLeftovers.imageOfTemporary(p.getFileName().toString())),
                        f.apparentSize(), f.allocatedBytes()));
            } catch (VmdiskException e) {
                // Gone since the listing (its reset finished or removed it), or unreadable: nothing to show.
            }
        }
        Set<Path> imagePaths = new HashSet<>();
        Set<Path> basePaths = new HashSet<>();
        for (BundleImage i : found) {
            imagePaths.add(i.path());
            i.bases().forEach(b -> basePaths.add(b.path()));
        }
        Map<Path, HolderReport> downloads = new java.util.HashMap<>();
        for (Path p : partials) {
            downloads.put(p, holders.containsKey(p) ? holders.get(p) : fs.holders(p));
        }
        HostDiskUsage du = new HostDiskUsage(fs);
        long self = du.itself(dir); // the directory's own blocks; its entries follow
        List<BundleEntry> files = BundleFiles.of(dir, imagePaths, basePaths, downloads, du);
        long total = self + files.stream().mapToLong(BundleEntry::allocatedBytes).sum();
        HostDiskUsage warmDu = new HostDiskUsage(fs);
        List<BundleEntry> warm = warm(dir, warmDu);
        List<String> uncounted = new ArrayList<>(du.problems());
        uncounted.addAll(warmDu.problems());
        return new BundleStatus(dir, images, VolumeUsage.of(dir), leftovers, files, total, warm, uncounted);
    }

    /**
     * One image: a dry run of compact when nothing holds it (sizes, guest file systems and what compact frees,
     * in one read); where compact refuses the trim, the inspection's file systems and a dry run of
     * {@code compact --zeros-only}; where a process holds it, the inspection alone (compact refuses a held image).
     */
    private static ImageFigures figures(Path path, NativeFs fs, ImageInspector inspector, Compactor compact,
                                        Compactor zerosOnly, ScanProgress progress) {
        String format = ByFormat.isAsif(path) ? "asif" : "raw";
        HolderReport holders = FileNames.representable(path) ? fs.holders(path) : null;
        if (holders == null || holders.held()) {
            Inspection ins = inspector.inspect(path, progress);
            return new ImageFigures(ins.apparentBytes(), ins.allocatedBytes(), format, ins.fileSystems(), ins.holders(),
                    Reclaim.unknown(ins.holders().summary() + "; compact refuses an image in use: stop the VM first"));
        }
        try {
            CompactResult r = compact.compact(path, true, progress);
            return new ImageFigures(r.apparentSize(), r.allocatedBefore(), format, r.fileSystems(), holders,
                    new Reclaim(r.trimmedBytes() + r.zeroBytes(), r.trimmedBytes(), r.zeroBytes(), Reclaim.COMPACT, "", r.foreignFormat()));
        } catch (BadInputException refused) {
            Inspection ins = inspector.inspect(path, progress); // throws when the image cannot be read at all
            CompactResult z = zerosOnly.compact(path, true, progress);
            return new ImageFigures(z.apparentSize(), z.allocatedBefore(), format, ins.fileSystems(), holders,
                    new Reclaim(z.zeroBytes(), 0, z.zeroBytes(), Reclaim.ZEROS_ONLY, withoutPath(refused.getMessage(), path)));
        }
    }

    private static String withoutPath(String message, Path path) {
        String prefix = path + ": ";
        String m = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        int cut = m.indexOf("; nothing was changed");
        return cut > 0 ? m.substring(0, cut) : m;
    }

    /** The directories (and files) in {@code vm_bundles/warm/}, the bundle directory's sibling; none when there is none. */
    private static List<BundleEntry> warm(Path dir, HostDiskUsage du) {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            return List.of();
        }
        // Named as the bundle was given (claudevm.bundle -> warm), unless that name says nothing (".").
        String name = dir.getFileName() == null ? "." : dir.getFileName().toString();
        Path warm = name.equals(".") || name.equals("..") ? parent.resolve(WARM) : dir.resolveSibling(WARM);
        if (!Files.isDirectory(warm, LinkOption.NOFOLLOW_LINKS) || warm.equals(dir.toAbsolutePath().normalize())) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(warm)) {
            s.forEach(entries::add);
        } catch (IOException e) {
            return List.of(new BundleEntry(warm, BundleFileKind.OTHER, 0, 0, null, null, e.getMessage()));
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<BundleEntry> out = new ArrayList<>();
        for (Path p : entries) {
            out.add(BundleEntry.of(p, BundleFileKind.WARM_COPY, BundleFiles.apparentBytes(p), du.of(p)));
        }
        return out;
    }
}
