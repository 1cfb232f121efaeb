package dev.vmdisk.io.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The systemd unit a process runs under, from its {@code /proc/PID/cgroup}, and the sandboxing settings
 * {@code systemctl show} reports for it.
 *
 * @param name   e.g. {@code claude-agent.service}
 * @param user   true when it is a unit of a user manager ({@code user@UID.service}), so {@code systemctl --user}
 */
record SystemdUnit(String name, boolean user) {
    static final List<String> SETTINGS = List.of("ProtectSystem", "ProtectHome", "ReadWritePaths", "ReadOnlyPaths");

    /**
     * From cgroup text, e.g. {@code 0::/user.slice/user-1000.slice/user@1000.service/app.slice/agent.service}: the
     * deepest {@code .service} (or {@code .scope}) component; empty when there is none.
     */
    static Optional<SystemdUnit> fromCgroup(String cgroup) {
        String path = null;
        for (String line : cgroup.split("\n")) {
            if (line.startsWith("0::")) {
                path = line.substring(3);
            } else if (path == null && line.contains(":name=systemd:")) {
                path = line.substring(line.indexOf(":name=systemd:") + ":name=systemd:".length());
            }
        }
        if (path == null) {
            return Optional.empty();
        }
        String[] parts = path.split("/");
        boolean user = false;
        String unit = null;
        for (String p : parts) {
            if (p.startsWith("user@") && p.endsWith(".service")) {
                user = true;
                continue;
            }
            if (p.endsWith(".service") || p.endsWith(".scope")) {
                unit = p;
            }
        }
        return unit == null ? Optional.empty() : Optional.of(new SystemdUnit(unit, user));
    }

    /**
     * {@code systemctl show} of the sandboxing settings, {@code Name=value} lines; empty with the reason
     * when systemctl is missing or says nothing (no systemd, or no bus to ask).
     */
    Settings settings() {
        List<String> cmd = new ArrayList<>(List.of("systemctl"));
        if (user) {
            cmd.add("--user");
        }
        cmd.addAll(List.of("show", name));
        SETTINGS.forEach(s -> cmd.add("--property=" + s));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Settings("", Optional.of("systemctl show did not answer within 5 s"));
            }
            if (p.exitValue() != 0) {
                return new Settings("", Optional.of("systemctl show " + name + " failed: " + text.strip()));
            }
            return new Settings(text.strip().replace('\n', ' '), Optional.empty());
        } catch (IOException e) {
            return new Settings("", Optional.of("systemctl is not available: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Settings("", Optional.of("interrupted"));
        }
    }

    record Settings(String text, Optional<String> unknown) {
    }
}
