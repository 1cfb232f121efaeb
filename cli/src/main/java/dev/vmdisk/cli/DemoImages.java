package dev.vmdisk.cli;

import com.github.luben.zstd.ZstdOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Makes the sample images for {@code vmdisk demo}, in pure Java so the demo needs nothing installed:
 * a compressed base ({@code rootfs.img.zst}) and an image that has "grown" from it the way a guest's
 * disk does: the base's data, more data written since, and blocks the guest zeroed after deleting
 * files, which stay allocated on the host.
 */
final class DemoImages {
    static final long IMAGE_SIZE = 512L << 20;
    private static final int MIB = 1 << 20;

    private DemoImages() {
    }

    /** Writes {@code dir/rootfs.img} and {@code dir/rootfs.img.zst}, replacing earlier ones. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path image = dir.resolve("rootfs.img");
        Path base = dir.resolve("rootfs.img.zst");
        Random random = new Random(42);
        byte[] data = new byte[MIB];
        Files.deleteIfExists(image);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(IMAGE_SIZE);
            for (int mib = 0; mib < 48; mib++) { // the base system: 48 MiB of data at the start
                random.nextBytes(data);
                f.seek((long) mib * MIB);
                f.write(data);
            }
        }
        try (OutputStream out = new ZstdOutputStream(new BufferedOutputStream(Files.newOutputStream(base), 1 << 16), 3)
                .setChecksum(true);
             RandomAccessFile in = new RandomAccessFile(image.toFile(), "r")) {
            for (long pos = 0; pos < IMAGE_SIZE; pos += MIB) {
                in.readFully(data);
                out.write(data);
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            for (int mib = 64; mib < 96; mib++) { // files written in the guest since
                random.nextBytes(data);
                f.seek((long) mib * MIB);
                f.write(data);
            }
            byte[] zeros = new byte[MIB];
            for (int mib = 128; mib < 288; mib++) { // files deleted and zeroed in the guest: still allocated
                f.seek((long) mib * MIB);
                f.write(zeros);
            }
        }
        return image;
    }
}
