package dev.vmdisk.platform.linux;

/**
 * Whether a line of {@code /proc/PID/maps} maps the target file:
 * {@code "7f12a0000000-7f12a0100000 r--s 00000000 08:01 1234   /path"} (device hex major:minor, inode decimal).
 */
final class ProcMaps {
    private ProcMaps() {
    }

    static boolean maps(String line, Statx target) {
        String[] f = line.split("\\s+", 7);
        if (f.length < 5) {
            return false;
        }
        String[] dev = f[3].split(":");
        if (dev.length != 2 || !f[4].equals(Long.toString(target.inode()))) {
            return false;
        }
        try {
            return Long.parseLong(dev[0], 16) == target.devMajor() && Long.parseLong(dev[1], 16) == target.devMinor();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
