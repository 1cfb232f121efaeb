package dev.vmdisk.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Gives a test its own copy of a committed fixture image as a real sparse file.
 * Fixtures live gzip-compressed on this module's classpath under {@code fixtures/NAME.gz}; the
 * scripts in {@code testdata/scripts} made them, and {@code testdata/fixtures.sha256} records the
 * SHA-256 of each image as the script left it.
 */
public final class Fixtures {
    private static final int BLOCK = 4096;

    private Fixtures() {
    }

    /**
     * Decompresses fixture {@code name} (e.g. {@code "ext4-4k.img"}) into {@code dir/name}, leaving
     * every all-zero 4 KiB block as a hole, and returns its path.
     */
    public static Path copy(String name, Path dir) {
        Path target = dir.resolve(name);
        String resource = "/fixtures/" + name + ".gz";
        try (InputStream raw = Fixtures.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("no fixture " + resource + " on the classpath");
            }
            writeSparse(new GZIPInputStream(raw, 1 << 16), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Copies a stream into a new file, writing only blocks that are not all zero. */
    public static void writeSparse(InputStream in, Path target) throws IOException {
        byte[] block = new byte[BLOCK];
        byte[] zero = new byte[BLOCK];
        long offset = 0;
        try (RandomAccessFile out = new RandomAccessFile(target.toFile(), "rw")) {
            out.setLength(0);
            int n;
            while ((n = in.readNBytes(block, 0, BLOCK)) > 0) {
                if (Arrays.mismatch(block, 0, n, zero, 0, n) != -1) {
                    out.seek(offset);
                    out.write(block, 0, n);
                }
                offset += n;
            }
            out.setLength(offset);
        }
    }

    /** A new sparse file of {@code size} bytes with no data at all. */
    public static Path emptySparse(Path dir, String name, long size) {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
