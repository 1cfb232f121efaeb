package dev.vmdisk.io.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this process sees the host's file systems as the host does: its mount namespace against
 * pid 1's ({@code /proc/self/ns/mnt}), and which of {@code /etc}, {@code /usr}, {@code /boot}, {@code /tmp}
 * and {@code $HOME} are on read-only mounts here ({@code /proc/self/mountinfo}). A session started from a
 * systemd unit with {@code ProtectSystem=} inherits a private namespace where they are, and its writes
 * fail with EROFS while the same command works from another shell.
 */
final class MountNamespaceCheck {
    static final String CHECK = "mount namespace";

    private final Path proc;
    private final Path home;

    MountNamespaceCheck(Path proc, Path home) {
        this.proc = proc;
        this.home = home;
    }

    Finding run() {
        Optional<String> self = namespace("self");
        if (self.isEmpty()) {
            return Finding.unknown(CHECK, "cannot read " + proc.resolve("self/ns/mnt") + " (no /proc, or not Linux)");
        }
        String mountinfo;
        try {
            mountinfo = Files.readString(proc.resolve("self/mountinfo"));
        } catch (IOException e) {
            return Finding.unknown(CHECK, "cannot read " + proc.resolve("self/mountinfo") + ": " + e.getMessage());
        }
        List<Mount> mounts = Mount.parseAll(mountinfo);
        List<String> readOnly = new ArrayList<>();
        for (Path p : watched()) {
            Mount.covering(mounts, p).filter(Mount::readOnly).ifPresent(m ->
                    readOnly.add(p + (m.mountPoint().equals(p) ? "" : " (on " + m.mountPoint() + ")") + " read-only, " + m.type()));
        }
        Optional<String> pid1 = namespace("1");
        String roText = readOnly.isEmpty() ? "/etc, /usr, /boot, /tmp and " + home + " are on writable mounts"
                : String.join("; ", readOnly);
        if (pid1.isPresent() && pid1.get().equals(self.get())) {
            return Finding.ok(CHECK, "the same mount namespace as pid 1 (" + self.get() + "): " + roText);
        }
        String where = pid1.isPresent()
                ? "a private mount namespace " + self.get() + " (pid 1 has " + pid1.get() + ")"
                : "pid 1's mount namespace cannot be read (" + proc.resolve("1/ns/mnt") + "), so judged from the mounts alone";
        if (readOnly.isEmpty()) {
            return Finding.ok(CHECK, where + ": " + roText);
        }
        Optional<SystemdUnit> unit = SystemdUnit.fromCgroup(read(proc.resolve("self/cgroup")));
        String unitText = "";
        String remedy;
        if (unit.isPresent()) {
            SystemdUnit.Settings s = unit.get().settings();
            unitText = "; this process runs under " + unit.get().name() + (s.unknown().isPresent()
                    ? " (its settings: " + s.unknown().get() + ")" : " (" + s.text() + ")");
            remedy = "start the agent from a shell outside " + unit.get().name() + ", or let the unit write where the agent writes: "
                    + "systemctl " + (unit.get().user() ? "--user " : "") + "edit " + unit.get().name()
                    + ", then ReadWritePaths= with those paths (or a weaker ProtectSystem=/ProtectHome=), and restart it";
        } else {
            remedy = "start the agent outside this namespace (a plain login shell), or remount those paths read-write in it";
        }
        return new Finding(CHECK, Finding.Status.PROBLEM, where + ": " + roText + unitText,
                "writes there fail with EROFS (Read-only file system) here while the same command works from another shell",
                remedy);
    }

    private Set<Path> watched() {
        Set<Path> paths = new LinkedHashSet<>(List.of(Path.of("/etc"), Path.of("/usr"), Path.of("/boot"), Path.of("/tmp")));
        paths.add(home.toAbsolutePath().normalize());
        return paths;
    }

    /** The {@code mnt:[inode]} link of a process, or empty when it cannot be read. */
    private Optional<String> namespace(String pid) {
        try {
            return Optional.of(Files.readSymbolicLink(proc.resolve(pid).resolve("ns/mnt")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
