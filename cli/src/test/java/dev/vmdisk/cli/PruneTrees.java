package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What prune's tests read back through e2fsprogs, the oracle: trees dumped by debugfs, names listed, e2fsck's verdict. */
final class PruneTrees {
    private PruneTrees() {
    }

    /** Dumps guest paths {@code names} (under {@code under}) of {@code image} into {@code dest} with debugfs rdump. */
    static Path dump(Path image, String under, List<String> names, Path dest) throws IOException {
        Files.createDirectories(dest);
        StringBuilder cmds = new StringBuilder();
        for (String n : names) {
            cmds.append("rdump \"").append(under.equals("/") ? "" : under).append('/').append(n).append("\" ").append(dest).append('\n');
        }
        Path f = Files.writeString(dest.resolveSibling(dest.getFileName() + ".cmds"), cmds);
        Tools.run("debugfs", "-f", f.toString(), image.toString()).orThrow();
        return dest;
    }

    /** Every path under {@code a} and {@code b} is the same kind, and every regular file and link target the same bytes. */
    static void assertSameTrees(Path a, Path b) throws IOException {
        TreeMap<String, Path> left = list(a);
        TreeMap<String, Path> right = list(b);
        assertEquals(left.keySet(), right.keySet(), "the same paths");
        for (String rel : left.keySet()) {
            Path x = left.get(rel);
            Path y = right.get(rel);
            if (Files.isSymbolicLink(x)) {
                assertEquals(Files.readSymbolicLink(x), Files.readSymbolicLink(y), rel);
            } else if (Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)) {
                assertArrayEquals(Files.readAllBytes(x), Files.readAllBytes(y), rel);
            } else {
                assertEquals(Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS), Files.isDirectory(y, LinkOption.NOFOLLOW_LINKS), rel);
            }
        }
    }

    private static TreeMap<String, Path> list(Path root) throws IOException {
        TreeMap<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> out.put(root.relativize(p).toString(), p));
        }
        return out;
    }

    /** The names in guest directory {@code dir}, without . and .. and the emptied entries (inode 0) debugfs ls -p also prints. */
    static List<String> names(Path image, String dir) {
        String out = Tools.run("debugfs", "-R", "ls -p " + dir, image.toString()).orThrow().stdout();
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("/", -1);
            if (f.length >= 6 && !f[1].equals("0") && !f[5].isEmpty() && !f[5].equals(".") && !f[5].equals("..")) {
                names.add(f[5]);
            }
        }
        return names;
    }

    /** The free blocks the superblock counts, as dumpe2fs reports them. */
    static long freeBlocks(Path image) {
        return superblockField(image, "Free blocks");
    }

    static long blockSize(Path image) {
        return superblockField(image, "Block size");
    }

    private static long superblockField(Path image, String field) {
        String out = Tools.run("dumpe2fs", "-h", image.toString()).orThrow().stdout();
        Matcher m = Pattern.compile("(?m)^" + field + ":\\s+(\\d+)").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no " + field + " in " + out);
        }
        return Long.parseLong(m.group(1));
    }

    /** e2fsck -fn's output and exit code. */
    static Tools.Result fsck(Path image) {
        return Tools.run("e2fsck", "-fn", image.toString());
    }

    /**
     * Whether e2fsck -fn found leaks only: nothing claimed twice, no block or inode bitmap difference with a
     * '+' (a block or inode in use but marked free), no entry naming a deleted or unused inode.
     */
    static boolean leaksOnly(Tools.Result fsck) {
        String out = fsck.stdout();
        if (out.contains("multiply-claimed") || out.contains("deleted/unused inode") || out.contains("has deleted")) {
            return false;
        }
        for (String line : out.split("\n")) {
            if (line.contains("bitmap differences:") && Arrays.stream(line.split("\\s+")).anyMatch(w -> w.startsWith("+"))) {
                return false;
            }
        }
        return true;
    }
}
