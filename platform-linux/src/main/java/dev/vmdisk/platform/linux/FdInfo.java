package dev.vmdisk.platform.linux;

import java.util.ArrayList;
import java.util.List;

/** The parts of {@code /proc/PID/fdinfo/FD} vmdisk reads: the open mode and the locks taken through it. */
record FdInfo(String mode, List<ProcLock> locks) {

    static FdInfo parse(String text) {
        String mode = "";
        List<ProcLock> locks = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("flags:")) {
                mode = accessMode(line.substring("flags:".length()).trim());
            } else if (line.startsWith("lock:")) {
                ProcLock.parse(line.substring("lock:".length())).ifPresent(locks::add);
            }
        }
        return new FdInfo(mode, locks);
    }

    /** O_ACCMODE of the octal open flags: "read-only", "write-only", "read-write". */
    private static String accessMode(String octalFlags) {
        try {
            return switch ((int) (Long.parseLong(octalFlags, 8) & 3)) {
                case 0 -> "read-only";
                case 1 -> "write-only";
                default -> "read-write";
            };
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
