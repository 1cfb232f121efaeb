package dev.vmdisk.io.nativefs;

import java.nio.file.Path;
import java.util.List;

/**
 * Who holds a file.
 *
 * @param path      the file asked about
 * @param holders   processes found holding it, by pid, then loop devices backed by it (pid 0)
 * @param unchecked  processes that could not be inspected (other users' without root); never silently dropped
 * @param privileged whether the scan ran as root, so that running as root would not help
 */
public record HolderReport(Path path, List<Holder> holders, int unchecked, boolean privileged) {
    public HolderReport {
        holders = List.copyOf(holders);
    }

    /** A report from an unprivileged scan. */
    public HolderReport(Path path, List<Holder> holders, int unchecked) {
        this(path, holders, unchecked, false);
    }

    /** Whether any process holds the file in a way that blocks changing it ({@link HoldKind#blocks()}). */
    public boolean held() {
        return holders.stream().anyMatch(h -> h.holds().stream().anyMatch(x -> x.kind().blocks()));
    }

    /**
     * One line naming the holders, e.g. {@code held by qemu-system-x86_64 (pid 4242, ofd-lock)}; names are
     * {@link ControlChars#escape escaped}, since the line goes to a terminal.
     */
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
            if (h.pid() == 0) { // the kernel: name the device, e.g. "kernel loop device (/dev/loop0)"
                sb.append(ControlChars.escape(h.name())).append(" (");
                sb.append(ControlChars.escape(String.join(", ", h.holds().stream().map(Hold::detail).toList()))).append(')');
                continue;
            }
            sb.append(ControlChars.escape(h.name())).append(" (pid ").append(h.pid());
            h.holds().stream().map(x -> x.kind().word()).distinct().forEach(w -> sb.append(", ").append(w));
            sb.append(')');
        }
        return sb.toString();
    }

    /**
     * What to do before trying again: detach the loop devices backed by the file, else stop the VM (or
     * other process). E.g. {@code detach /dev/loop0 first (umount what is mounted from it, then losetup -d)}.
     */
    public String remedy() {
        List<String> loops = holders.stream().flatMap(h -> h.holds().stream())
                .filter(x -> x.kind() == HoldKind.LOOP_DEVICE).map(Hold::detail).toList();
        if (!loops.isEmpty()) {
            return "detach " + String.join(", ", loops) + " first (umount what is mounted from it, then losetup -d)";
        }
        return "stop the VM (or other process) first";
    }

    /** The warning for processes that could not be checked, or "" when all were. */
    public String uncheckedWarning() {
        if (unchecked == 0) {
            return "";
        }
        String count = unchecked + (unchecked == 1 ? " process" : " processes");
        return privileged
                ? count + " could not be checked even as root (permission denied by the kernel)"
                : count + " of other users could not be checked; run as root to be sure";
    }
}
