package dev.vmdisk.testdata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The blocks an ext file system calls free, as e2fsprogs reads them: dumpe2fs's per-group "Free blocks:" lists. */
public final class FreeBlocks {
    private static final Pattern FREE = Pattern.compile("(?m)^\\s+Free blocks: (.*)$");

    private FreeBlocks() {
    }

    /** Every free block number of the file system in {@code image}, in order. */
    public static List<Long> of(Path image) {
        String out = Tools.run("dumpe2fs", image.toString()).orThrow().stdout();
        List<Long> blocks = new ArrayList<>();
        Matcher m = FREE.matcher(out);
        while (m.find()) {
            for (String range : m.group(1).split(",\\s*")) {
                if (range.isBlank()) {
                    continue;
                }
                String[] ab = range.trim().split("-");
                long a = Long.parseLong(ab[0]);
                long b = ab.length > 1 ? Long.parseLong(ab[1]) : a;
                for (long x = a; x <= b; x++) {
                    blocks.add(x);
                }
            }
        }
        return blocks;
    }
}
