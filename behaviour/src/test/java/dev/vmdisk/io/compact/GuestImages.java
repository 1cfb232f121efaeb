package dev.vmdisk.io.compact;

import dev.vmdisk.testdata.Tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Ext images as a guest leaves them, made with mke2fs and debugfs: files written, then some deleted
 * (debugfs rm frees the blocks and leaves their bytes, as a guest's delete does). Also reads every
 * file back through debugfs, to compare before and after a compaction.
 */
final class GuestImages {
    private GuestImages() {
    }

    /** A tree of random (incompressible, never zero) files of assorted sizes, "keep*" and "gone*" in each directory. */
    static Path tree(Path dir, int files, long seed) throws IOException {
        Path src = dir.resolve("src" + seed);
        Random random = new Random(seed);
        for (int i = 0; i < files; i++) {
            Path sub = src.resolve("d" + (i % 4));
            Files.createDirectories(sub);
            byte[] data = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(data);
            data[0] = 1;
            Files.write(sub.resolve((i % 3 == 0 ? "keep" : "gone") + i), data);
        }
        Files.write(src.resolve("d0").resolve("zeros"), new byte[300_000]); // a used file of zero blocks
        return src;
    }

    /** {@code image?offset=N}: how e2fsprogs name a file system inside a partitioned image. */
    static String spec(Path image, long offset) {
        return offset == 0 ? image.toString() : image + "?offset=" + offset;
    }

    /** Deletes every "gone*" file of {@code src} from the file system at {@code offset}. */
    static void deleteGone(Path image, long offset, Path src) throws IOException {
        for (String f : guestFiles(src)) {
            if (f.substring(f.lastIndexOf('/') + 1).startsWith("gone")) {
                Tools.run("debugfs", "-w", "-R", "rm " + f, spec(image, offset)).orThrow();
            }
        }
    }

    /** The guest paths of the files under {@code src}, as "/d0/keep0". */
    static List<String> guestFiles(Path src) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(src)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add("/" + src.relativize(p).toString().replace('\\', '/')));
        }
        out.sort(null);
        return out;
    }

    /** Every file of the guest file system at {@code offset}, read through debugfs rdump. */
    static Map<String, byte[]> contents(Path image, long offset, Path scratch) throws IOException {
        Path out = Files.createTempDirectory(scratch, "rdump");
        Tools.run("debugfs", "-R", "rdump / " + out, spec(image, offset)).orThrow();
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(out.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    /** {@code e2fsck -fn}: exit 0 and nothing to fix. */
    static Tools.Result fsck(Path image, long offset) {
        return Tools.run("e2fsck", "-fn", spec(image, offset));
    }
}
