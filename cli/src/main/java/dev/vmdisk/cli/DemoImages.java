package dev.vmdisk.cli;

import com.github.luben.zstd.ZstdInputStream;
import dev.vmdisk.io.ext4.Ext4Volume;
import dev.vmdisk.io.ext4.FreeRun;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
    private static final int BLOCK = 4096;
    private static final int MIB = 1 << 20;

    private DemoImages() {
    }

    /** Writes {@code dir/rootfs.img} and {@code dir/rootfs.img.zst}, replacing earlier ones. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path image = dir.resolve("rootfs.img");
        Path base = dir.resolve("rootfs.img.zst");
        try (InputStream in = DemoImages.class.getResourceAsStream("demo-rootfs.img.zst")) {
            if (in == null) {
                throw new IOException("demo-rootfs.img.zst is missing from the jar");
            }
            Files.copy(in, base, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(image);
        decompressSparse(base, image);
        deleteFilesInTheGuest(image);
        return image;
    }

    /** The base decompressed, its all-zero blocks left as holes (a fresh image from the base). */
    private static void decompressSparse(Path base, Path image) throws IOException {
        byte[] block = new byte[BLOCK];
        byte[] zeros = new byte[BLOCK];
        long size = 0;
        try (InputStream in = new ZstdInputStream(new BufferedInputStream(Files.newInputStream(base), 1 << 16));
             RandomAccessFile out = new RandomAccessFile(image.toFile(), "rw")) {
            int n;
            while ((n = in.readNBytes(block, 0, BLOCK)) > 0) {
                if (!Arrays.equals(block, 0, n, zeros, 0, n)) {
                    out.seek(size);
                    out.write(block, 0, n);
                }
                size += n;
            }
            out.setLength(size);
        }
        if (size != IMAGE_SIZE) {
            throw new IOException("demo-rootfs.img.zst holds " + size + " bytes, not " + IMAGE_SIZE);
        }
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
