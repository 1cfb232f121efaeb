package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a file's memory mappings in the text of {@code /proc/PID/maps}. A line is
 * <pre>{@code 7f151d786000-7f151d787000 rw-s 00000000 fe:00 2146661   /var/lib/vm/disk.img}</pre>
 * address range (hex), permissions, offset, device {@code MAJ:MIN} (hex), inode (decimal), path.
 * Matched by device and inode: the path may be deleted, renamed or relative to another root.
 */
final class ProcMaps {
    private ProcMaps() {
    }

    /**
     * One {@link HoldKind#MAPPED} hold summing every mapping of {@code file}, e.g.
     * {@code "1 mapping (rw-s), 4096 bytes"}; empty when the file is not mapped.
     */
    static Optional<Hold> mappingOf(String maps, FileId file) {
        return Optional.ofNullable(mappingsOf(maps, Set.of(file)).get(file));
    }

    /** The mappings of each of {@code files}, in one pass over the text; a file not mapped has no entry. */
    static Map<FileId, Hold> mappingsOf(String maps, Set<FileId> files) {
        Map<FileId, Tally> tallies = new HashMap<>();
        // One file: the cheap filter of before, since most lines of a big process name other files.
        String only = files.size() == 1 ? Long.toUnsignedString(files.iterator().next().inode()) : null;
        for (String line : maps.split("\n")) {
            if (only != null && !line.contains(only)) {
                continue;
            }
            String[] t = line.split("\\s+", 7);
            if (t.length < 5 || !isInode(t[4]) || t[4].equals("0")) {
                continue; // anonymous memory, or not a line of the format
            }
            FileId id;
            try {
                id = new FileId(LinuxDev.parseHexPair(t[3]), Long.parseUnsignedLong(t[4]));
            } catch (NumberFormatException e) {
                continue; // more than 64 bits
            }
            if (!files.contains(id)) {
                continue;
            }
            int dash = t[0].indexOf('-');
            if (dash <= 0 || !ProcText.isHex64(t[0].substring(0, dash)) || !ProcText.isHex64(t[0].substring(dash + 1))) {
                continue;
            }
            long from = Long.parseUnsignedLong(t[0].substring(0, dash), 16);
            long to = Long.parseUnsignedLong(t[0].substring(dash + 1), 16);
            tallies.computeIfAbsent(id, k -> new Tally()).add(to - from, t[1]);
        }
        Map<FileId, Hold> holds = new HashMap<>();
        tallies.forEach((id, tally) -> holds.put(id, tally.hold()));
        return holds;
    }

    private static boolean isInode(String s) {
        if (s.isEmpty() || s.length() > 20) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** One file's mappings in one process: how many, their bytes, their permissions. */
    private static final class Tally {
        private int count;
        private long bytes;
        private final TreeSet<String> perms = new TreeSet<>();

        void add(long length, String perm) {
            count++;
            bytes += length;
            perms.add(perm);
        }

        Hold hold() {
            return new Hold(HoldKind.MAPPED, count + (count == 1 ? " mapping (" : " mappings (") + String.join(", ", perms)
                    + "), " + bytes + " bytes");
        }
    }
}
