package dev.vmdisk.io.bundle;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.inspect.FileNames;
import dev.vmdisk.io.inspect.ImageInspector;
import dev.vmdisk.io.inspect.Inspection;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.reset.ResetLeftovers;
import dev.vmdisk.io.scan.ScanProgress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Gathers a {@link BundleStatus}: reads only, never changes an image. */
public final class BundleStatusReader {
    private final NativeFs fs;

    public BundleStatusReader(NativeFs fs) {
        this.fs = fs;
    }

    /**
     * Inspects every image in {@code dir}. An image that cannot be inspected (permission, a file
     * that vanished) is reported with its problem and the others are still shown.
     *
     * @throws BadInputException {@code dir} is not a directory or holds no image
     */
    public BundleStatus read(Path dir, ScanProgress progress) {
        List<BundleImage> found = BundleScanner.scan(dir);
        if (found.isEmpty()) {
            throw new BadInputException(dir + ": no images (*.img, *.raw) in this directory (pass the VM bundle directory that holds them)");
        }
        // One holder scan for the whole bundle: per image, it walked every process once per image, which
        // dominated a status of thousands of images.
        ImageInspector inspector = new ImageInspector(fs, fs.holdersOfAll(
                found.stream().map(BundleImage::path).filter(FileNames::representable).toList()));
        List<ImageStatus> images = new ArrayList<>();
        for (BundleImage image : found) {
            try {
                Inspection ins = inspector.inspect(image.path(), progress);
                images.add(new ImageStatus(image, Optional.of(ins), Optional.empty()));
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
        return new BundleStatus(dir, images, VolumeUsage.of(dir), leftovers);
    }
}
