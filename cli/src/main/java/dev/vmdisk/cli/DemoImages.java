package dev.vmdisk.cli;

import dev.vmdisk.io.ext4.Ext4Volume;
import dev.vmdisk.io.ext4.FreeRun;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.reset.ImageReset;
import dev.vmdisk.io.reset.ResetProgress;
import dev.vmdisk.io.reset.ResetRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * Makes the sample images for {@code vmdisk demo}, in pure Java so the demo needs nothing installed.
 * The base {@code rootfs.img.zst} is a 512 MiB ext4 file system with a few files (made by
 * {@code testdata/scripts/make-demo-base.sh}, shipped in the jar). The image {@code rootfs.img} is that
 * base "grown" the way a guest's disk grows: files written and deleted since, so {@link #DELETED} bytes of
 * blocks the guest file system calls free still hold data the host keeps allocated.
 */
final class DemoImages {
    static final long IMAGE_SIZE = 512L << 20;
    /** What the guest "deleted": data left in its free blocks, which only a trim gives back. */
    static final long DELETED = 160L << 20;
    private static final int MIB = 1 << 20;

    private DemoImages() {
    }

    /**
     * Writes {@code dir/rootfs.img} and {@code dir/rootfs.img.zst}, replacing earlier ones. The image is
     * made from the base by vmdisk's own reset, through {@code fs}.
     */
    static Path write(Path dir, NativeFs fs) throws IOException {
        Files.createDirectories(dir);
        Path image = dir.resolve("rootfs.img");
        Path base = dir.resolve("rootfs.img.zst");
        try (InputStream in = DemoImages.class.getResourceAsStream("demo-rootfs.img.zst")) {
            if (in == null) {
                throw new IOException("demo-rootfs.img.zst is missing from the jar");
            }
            Files.copy(in, base, StandardCopyOption.REPLACE_EXISTING);
        }
        new ImageReset(fs).run(new ResetRequest(image, base, false), ResetProgress.NONE);
        if (Files.size(image) != IMAGE_SIZE) {
            throw new IOException("demo-rootfs.img.zst holds " + Files.size(image) + " bytes, not " + IMAGE_SIZE);
        }
        deleteFilesInTheGuest(image);
        return image;
    }

    /**
     * Fills the first {@link #DELETED} bytes of the guest's free blocks with data: what files the guest
     * wrote and then deleted leave behind. The file system itself is not changed; it still calls them free.
     */
    private static void deleteFilesInTheGuest(Path image) throws IOException {
        byte[] data = new byte[MIB];
        new Random(42).nextBytes(data);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long left = DELETED;
            for (FreeRun run : Ext4Volume.open(ch, 0, IMAGE_SIZE, image).freeRuns()) {
                for (long pos = run.offset(), end = run.offset() + run.length(); pos < end && left > 0; ) {
                    int n = (int) Math.min(Math.min(end - pos, MIB), left);
                    ByteBuffer b = ByteBuffer.wrap(data, 0, n);
                    while (b.hasRemaining()) {
                        pos += ch.write(b, pos);
                    }
                    left -= n;
                }
                if (left == 0) {
                    break;
                }
            }
            ch.force(false);
        }
    }
}
