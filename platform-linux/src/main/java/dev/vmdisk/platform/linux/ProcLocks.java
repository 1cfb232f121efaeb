package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.HoldKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the lock lines the kernel prints (fs/locks.c {@code lock_get_status}), the same in
 * {@code /proc/locks} and after {@code "lock:"} in fdinfo:
 * <pre>{@code 3: OFDLCK ADVISORY  READ -1 fe:00:2146661 100 100}</pre>
 * id, class (POSIX, OFDLCK, FLOCK; leases and delegations are ignored), ADVISORY, READ or WRITE,
 * pid, {@code MAJ:MIN:INODE} with major and minor in hex, first byte, last byte or {@code EOF}.
 * Waiting requests, marked {@code ->}, hold nothing and are skipped, as is any line not in this form.
 */
final class ProcLocks {
    private ProcLocks() {
    }

    /** Every granted lock in the text of {@code /proc/locks}. */
    static List<ProcLock> parse(String text) {
        List<ProcLock> locks = new ArrayList<>();
        for (String line : text.split("\n")) {
            parseLine(line).ifPresent(locks::add);
        }
        return locks;
    }

    /** One line; a leading {@code "lock:"} (as in fdinfo) is allowed. */
    static Optional<ProcLock> parseLine(String line) {
        String s = line.strip();
        if (s.startsWith("lock:")) {
            s = s.substring("lock:".length()).strip();
        }
        String[] t = s.split("\\s+");
        if (t.length != 8 || !t[0].endsWith(":")) {
            return Optional.empty(); // includes the 9-field "->" lines of waiting requests
        }
        HoldKind kind = switch (t[1]) {
            case "POSIX" -> HoldKind.POSIX_LOCK;
            case "OFDLCK" -> HoldKind.OFD_LOCK;
            case "FLOCK" -> HoldKind.FLOCK;
            default -> null; // LEASE, DELEG, ACCESS: not locks vmdisk conflicts with
        };
        boolean write = t[3].equals("WRITE");
        if (kind == null || !(write || t[3].equals("READ"))) {
            return Optional.empty();
        }
        int lastColon = t[5].lastIndexOf(':');
        if (lastColon < 0) {
            return Optional.empty();
        }
        long dev = LinuxDev.parseHexPair(t[5].substring(0, lastColon));
        String inode = t[5].substring(lastColon + 1);
        boolean eof = t[7].equals("EOF");
        if (dev < 0 || !ProcText.isUnsigned64(inode) || !(t[4].equals("-1") || ProcText.isUnsigned31(t[4]))
                || !ProcText.isUnsigned63(t[6]) || !(eof || ProcText.isUnsigned63(t[7]))) {
            return Optional.empty();
        }
        long pid = Long.parseLong(t[4]);
        long start = Long.parseLong(t[6]);
        long end = eof ? -1 : Long.parseLong(t[7]);
        return Optional.of(new ProcLock(kind, write, pid, new FileId(dev, Long.parseUnsignedLong(inode)), start, end));
    }
}
