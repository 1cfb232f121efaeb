package dev.vmdisk.io.nativefs;

import java.nio.file.Path;
import java.util.List;

/**
 * Who holds a file.
 *
 * @param path      the file asked about
 * @param holders   processes found holding it, by pid
 * @param unchecked processes that could not be inspected (other users' without root); never silently dropped
 */
public record HolderReport(Path path, List<Holder> holders, int unchecked) {
    public HolderReport {
        holders = List.copyOf(holders);
    }

    public boolean held() {
        return !holders.isEmpty();
    }

    /** One line naming the holders, e.g. {@code held by qemu-system-x86_64 (pid 4242, ofd-lock)}. */
    public String summary() {
        if (holders.isEmpty()) {
            return "held by no process";
        }
        StringBuilder sb = new StringBuilder("held by ");
        for (int i = 0; i < holders.size(); i++) {
            Holder h = holders.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(h.name()).append(" (pid ").append(h.pid());
            h.holds().stream().map(x -> x.kind().word()).distinct().forEach(w -> sb.append(", ").append(w));
            sb.append(')');
        }
        return sb.toString();
    }

    /** The warning for processes that could not be checked, or "" when all were. */
    public String uncheckedWarning() {
        if (unchecked == 0) {
            return "";
        }
        return unchecked + (unchecked == 1 ? " process" : " processes")
                + " of other users could not be checked; run as root to be sure";
    }
}
