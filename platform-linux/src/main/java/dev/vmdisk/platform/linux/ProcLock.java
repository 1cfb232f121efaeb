package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.HoldKind;

import java.util.Optional;

/**
 * One line of {@code /proc/locks}, or a {@code lock:} line of {@code /proc/PID/fdinfo/FD}:
 * {@code "1: POSIX  ADVISORY  WRITE 4242 08:01:1234 100 100"}. Device numbers are hex major:minor;
 * OFD locks show pid -1; lines with {@code ->} are waiters, which hold nothing.
 */
record ProcLock(HoldKind kind, boolean write, long pid, long devMajor, long devMinor, long inode, String range) {

    /** Parses one line; empty for waiters, lease lines and anything not understood. */
    static Optional<ProcLock> parse(String line) {
        String[] f = line.trim().split("\\s+");
        // id: CLASS TYPE RW PID MAJ:MIN:INO START END
        if (f.length < 8 || f[1].equals("->")) {
            return Optional.empty();
        }
        HoldKind kind = switch (f[1]) {
            case "POSIX" -> HoldKind.POSIX_LOCK;
            case "FLOCK" -> HoldKind.FLOCK;
            case "OFDLCK" -> HoldKind.OFD_LOCK;
            default -> null; // LEASE, DELEG: not locks vmdisk must wait for
        };
        String[] id = f[5].split(":");
        if (kind == null || id.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcLock(kind, f[3].equals("WRITE"), Long.parseLong(f[4]),
                    Long.parseLong(id[0], 16), Long.parseLong(id[1], 16), Long.parseLong(id[2]),
                    f[6] + "-" + f[7]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean isOn(Statx target) {
        return inode == target.inode() && devMajor == target.devMajor() && devMinor == target.devMinor();
    }

    /** For people: "write lock 100-100", "read lock 0-EOF". */
    String detail() {
        return (write ? "write" : "read") + " lock " + range;
    }
}
