package dev.vmdisk.io.inspect;

import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.ZeroRunListener;
import dev.vmdisk.io.scan.ZeroScanner;

import java.nio.file.Path;

/** Gathers an {@link Inspection}: reads only, never changes the image. */
public final class ImageInspector {
    private final NativeFs fs;

    public ImageInspector(NativeFs fs) {
        this.fs = fs;
    }

    /**
     * @param progress told how many data bytes the zero scan has read, for a progress bar
     */
    public Inspection inspect(Path path, ZeroRunListener progress) {
        try (OpenImage image = OpenImage.open(fs, path, Access.READ_ONLY)) {
            NativeFile file = image.file();
            long apparent = file.apparentSize();
            long allocated = file.allocatedBytes();
            ImageLayout layout = ImageLayout.of(file);
            ImageContent content = ContentDetector.detect(image.channel(), 0, apparent, path);
            long zeroBytes = ZeroScanner.scan(file, image.channel(), progress).zeroBytes();
            return new Inspection(path, apparent, allocated, file.fsBlockSize(), layout, zeroBytes, content, fs.holders(path));
        }
    }
}
