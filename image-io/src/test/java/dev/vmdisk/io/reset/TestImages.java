package dev.vmdisk.io.reset;

import dev.vmdisk.testdata.Tools;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Image-like test files (random, text-like and all-zero stretches) and real compressed bases made from them. */
final class TestImages {
    private TestImages() {
    }

    /**
     * A file of {@code size} bytes: per 64 KiB stretch, zeros, random bytes, repetitive text, or a
     * few non-zero bytes in a zero block, chosen by {@code seed}. Zero stretches are holes.
     */
    static Path image(Path dir, String name, long size, long seed) {
        Path p = dir.resolve(name);
        Random r = new Random(seed);
        byte[] stretch = new byte[64 * 1024];
        byte[] text = "vmdisk reset test line; the quick brown fox jumps over the lazy dog 0123456789\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(0);
            for (long at = 0; at < size; at += stretch.length) {
                int n = (int) Math.min(stretch.length, size - at);
                int kind = r.nextInt(5);
                if (kind <= 1) {
                    continue; // zeros
                }
                java.util.Arrays.fill(stretch, (byte) 0);
                if (kind == 2) {
                    r.nextBytes(stretch);
                } else if (kind == 3) {
                    for (int i = 0; i < n; i++) {
                        stretch[i] = text[i % text.length];
                    }
                } else {
                    stretch[r.nextInt(n)] = (byte) (1 + r.nextInt(255));
                }
                f.seek(at);
                f.write(stretch, 0, n);
            }
            f.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Runs a shell pipeline (for tools reading stdin), failing the test when it fails. */
    static void sh(String script) {
        Tools.run(List.of("sh", "-c", script)).orThrow();
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path p, byte[] b) {
        try {
            Files.write(p, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks the file system allocated for {@code p}, in 512-byte units, as {@code stat %b} reports. */
    static long blocks512(Path p) {
        return Tools.allocatedBytes(p) / 512;
    }

    /** A copy of {@code p} with the byte at {@code offset} inverted. */
    static Path flipped(Path p, long offset, Path out) {
        byte[] b = bytes(p);
        b[(int) offset] ^= (byte) 0xFF;
        write(out, b);
        return out;
    }

    /** A copy of the first {@code length} bytes of {@code p}. */
    static Path truncated(Path p, long length, Path out) {
        byte[] b = bytes(p);
        write(out, java.util.Arrays.copyOf(b, (int) length));
        return out;
    }
}
