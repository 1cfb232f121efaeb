package dev.vmdisk.io.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code /proc/PID/mountinfo} (proc(5)):
 * <pre>{@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue}</pre>
 * id, parent, device, root, mount point (octal-escaped), per-mount options, optional fields, "-", type,
 * source, super-block options.
 *
 * @param readOnly the mount or its super block is {@code ro}: writes under it fail with EROFS
 */
record Mount(Path mountPoint, String type, String source, boolean readOnly) {

    /** The lines that parse; a line that does not is skipped (the kernel writes them, but be safe). */
    static List<Mount> parseAll(String mountinfo) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            parse(line).ifPresent(mounts::add);
        }
        return mounts;
    }

    static Optional<Mount> parse(String line) {
        String[] t = line.split(" ");
        int dash = -1;
        for (int i = 6; i < t.length; i++) {
            if (t[i].equals("-")) {
                dash = i;
                break;
            }
        }
        if (t.length < 7 || dash < 0 || dash + 3 > t.length) {
            return Optional.empty();
        }
        boolean ro = hasRo(t[5]) || hasRo(dash + 3 < t.length ? t[dash + 3] : "");
        return Optional.of(new Mount(Path.of(unescape(t[4])), t[dash + 1], unescape(t[dash + 2]), ro));
    }

    private static boolean hasRo(String options) {
        for (String o : options.split(",")) {
            if (o.equals("ro")) {
                return true;
            }
        }
        return false;
    }

    /** The kernel writes space, tab, newline and backslash as {@code \040}, {@code \011}, {@code \012}, {@code \134}. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** The mount {@code path} is on: the one with the longest mount point above it, the last listed when stacked. */
    static Optional<Mount> covering(List<Mount> mounts, Path path) {
        Mount best = null;
        for (Mount m : mounts) {
            if (path.startsWith(m.mountPoint())
                    && (best == null || m.mountPoint().getNameCount() >= best.mountPoint().getNameCount())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }
}
