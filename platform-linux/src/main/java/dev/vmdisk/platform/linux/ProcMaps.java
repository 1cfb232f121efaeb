package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;

import java.util.Optional;
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
        String inode = Long.toUnsignedString(file.inode());
        int count = 0;
        long bytes = 0;
        TreeSet<String> perms = new TreeSet<>();
        for (String line : maps.split("\n")) {
            if (!line.contains(inode)) {
                continue; // cheap filter: most lines of a big process are other files
            }
            String[] t = line.split("\\s+", 7);
            if (t.length < 5 || !t[4].equals(inode) || LinuxDev.parseHexPair(t[3]) != file.device()) {
                continue;
            }
            int dash = t[0].indexOf('-');
            if (dash <= 0 || !ProcText.isHex64(t[0].substring(0, dash)) || !ProcText.isHex64(t[0].substring(dash + 1))) {
                continue;
            }
            long from = Long.parseUnsignedLong(t[0].substring(0, dash), 16);
            long to = Long.parseUnsignedLong(t[0].substring(dash + 1), 16);
            count++;
            bytes += to - from;
            perms.add(t[1]);
        }
        if (count == 0) {
            return Optional.empty();
        }
        String detail = count + (count == 1 ? " mapping (" : " mappings (") + String.join(", ", perms) + "), " + bytes + " bytes";
        return Optional.of(new Hold(HoldKind.MAPPED, detail));
    }
}
