package dev.vmdisk.io.doctor;

import dev.vmdisk.io.bundle.DefaultBundle;
import dev.vmdisk.io.bundle.VolumeUsage;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.tmp.AgentTempDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains why agent sandboxes fail on this host: host and guest space, agent temp dirs against their
 * file system and quota, mount-namespace drift, and Unix sockets that cannot be made. Reads only; the
 * one thing it writes is a socket it binds and removes in {@code $TMPDIR} and {@code /tmp}.
 */
public final class Doctor {
    private final NativeFs fs;
    private final Path proc;
    private final Path home;
    private final Map<String, String> env;
    private final String osName;
    private final int uid;

    /**
     * @param proc where procfs is ({@code /proc})
     * @param uid  the user this runs as, whose agent temp dirs are checked; -1 where the OS has none
     */
    public Doctor(NativeFs fs, Path proc, Path home, Map<String, String> env, String osName, int uid) {
        this.fs = fs;
        this.proc = proc;
        this.home = home;
        this.env = env;
        this.osName = osName;
        this.uid = uid;
    }

    /** Every finding, in the order they are shown; {@code bundles} empty means the default bundle, if any. */
    public List<Finding> run(List<Path> bundles) {
        List<Finding> findings = new ArrayList<>();
        BundleCheck bundleCheck = new BundleCheck(fs);
        findings.add(bundleCheck.hostVolume("of " + home, VolumeUsage.of(home)));
        List<Path> dirs = new ArrayList<>(bundles);
        if (dirs.isEmpty()) {
            Optional<Path> def = DefaultBundle.location(osName, home);
            if (def.isPresent() && Files.isDirectory(def.get())) {
                dirs.add(def.get());
            } else {
                findings.add(Finding.ok("bundle", def.map(p -> "no VM bundle at " + p).orElse("no default VM bundle on " + osName)
                        + " (name one with --bundle DIR)"));
            }
        }
        dirs.forEach(d -> findings.addAll(bundleCheck.bundle(d)));
        if (AgentTempDirs.looksHereOn(osName) && uid >= 0) {
            findings.addAll(new TempDirCheck(fs).run(AgentTempDirs.find(uid, home, env)));
        } else {
            findings.add(Finding.unknown(TempDirCheck.CHECK, "agent temp directories are not looked for on " + osName));
        }
        findings.add(new MountNamespaceCheck(proc, home).run());
        UnixSocketCheck sockets = new UnixSocketCheck(osName);
        String tmpdir = env.get("TMPDIR");
        if (tmpdir != null && !tmpdir.isBlank() && !Path.of(tmpdir).normalize().equals(Path.of("/tmp"))) {
            findings.add(sockets.run("$TMPDIR", Path.of(tmpdir)));
        }
        findings.add(sockets.run("/tmp", Path.of("/tmp")));
        return findings;
    }

    public static boolean anyProblem(List<Finding> findings) {
        return findings.stream().anyMatch(Finding::problem);
    }
}
