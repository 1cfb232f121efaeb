package dev.vmdisk.platform.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /proc/PID/fdinfo/FD} says about one descriptor: its open mode ({@code flags:}, octal)
 * and the locks held through it ({@code lock:} lines: flock and OFD locks of this open file, POSIX
 * locks of this process on the file). It is the only place that names the process holding an OFD
 * lock, which /proc/locks shows with pid -1.
 *
 * @param accessMode {@code flags & O_ACCMODE}: 0 read-only, 1 write-only, 2 read-write; -1 when not shown
 * @param locks      the locks held through this descriptor
 */
record FdInfo(int accessMode, List<ProcLock> locks) {
    private static final int O_ACCMODE = 3;

    FdInfo {
        locks = List.copyOf(locks);
    }

    static FdInfo parse(String text) {
        int mode = -1;
        List<ProcLock> locks = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("flags:")) {
                String octal = line.substring("flags:".length()).strip();
                if (!octal.isEmpty() && octal.length() <= 11 && octal.chars().allMatch(c -> c >= '0' && c <= '7')) {
                    mode = (int) (Long.parseLong(octal, 8) & O_ACCMODE);
                }
            } else if (line.startsWith("lock:")) {
                ProcLocks.parseLine(line).ifPresent(locks::add);
            }
        }
        return new FdInfo(mode, locks);
    }

    /** {@code "read-only"}, {@code "write-only"}, {@code "read-write"}, or {@code "mode unknown"}. */
    String accessWord() {
        return switch (accessMode) {
            case 0 -> "read-only";
            case 1 -> "write-only";
            case 2 -> "read-write";
            default -> "mode unknown";
        };
    }
}
