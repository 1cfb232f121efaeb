package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.BundleReset.Action;
import dev.vmdisk.io.bundle.BundleReset.Outcome;
import dev.vmdisk.io.bundle.SessionContents;
import dev.vmdisk.io.Sizes;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code vmdisk reset BUNDLE}'s output for one image: a line for people, an object for {@code --json}. */
final class BundleResetReport {
    private BundleResetReport() {
    }

    /** The result line on stdout; null for a failure, which goes to stderr as an error. */
    static String text(Outcome o) {
        return switch (o.action()) {
            case RESET -> ResetCommand.text(o.result())
                    + (ReleaseMarkerReport.worthSaying(o.marker()) ? "\n" + ReleaseMarkerReport.text(o.marker()) : "");
            case REMOVED -> o.image() + ": removed" + (o.sessions() == null ? "" : ", and with it " + lost(o.sessions()))
                    + "; the app creates a new session image at its next start";
            case SKIPPED -> o.image() + ": " + o.detail();
            case FAILED -> null;
        };
    }

    static Map<String, Object> toMap(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", o.image().toString());
        m.put("action", o.action().name().toLowerCase(Locale.ROOT));
        if (o.action() == Action.RESET) {
            Map<String, Object> r = ResetCommand.toMap(o.result());
            r.remove("path");
            m.putAll(r);
            m.put("releaseMarker", ReleaseMarkerReport.toMap(o.marker()));
        } else if (o.action() == Action.REMOVED && o.sessions() != null) {
            m.put("sessions", sessionsMap(o.sessions()));
        } else if (o.action() == Action.SKIPPED) {
            m.put("reason", o.detail());
        } else if (o.action() == Action.FAILED) {
            m.put("error", o.error().getMessage());
            m.put("exitCode", ExitCode.of(o.error()));
            if (o.sessions() != null) {
                m.put("sessions", sessionsMap(o.sessions()));
            }
        }
        return m;
    }

    /** What the guest kept in the session image: "3 session directories (1.2 MiB) the guest kept in /sessions". */
    static String lost(SessionContents c) {
        if (!c.known()) {
            return "whatever the guest kept in /sessions (vmdisk could not read it: " + unreadable(c) + ")";
        }
        return c.directories() + (c.directories() == 1 ? " session directory" : " session directories") + " ("
                + Sizes.human(c.bytes()) + ") the guest kept in /sessions";
    }

    /** Said on stderr before the session image is removed. */
    static String beforeRemoval(java.nio.file.Path image, SessionContents c) {
        return "vmdisk: " + image + ": removing it loses " + lost(c) + (c.known() ? " (" + Sizes.human(c.usedBytes())
                + " in all)" : "") + "; it is not kept anywhere by vmdisk";
    }

    /** Why the session image's directories could not be counted: what it holds instead, or the read's error. */
    static String unreadable(SessionContents c) {
        return c.otherContent().isEmpty() ? c.unreadable() : "it holds " + c.otherContent() + ", no ext2/3/4 file system";
    }

    static Map<String, Object> sessionsMap(SessionContents c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", c.known());
        m.put("directories", c.known() ? c.directories() : null);
        m.put("directoryBytes", c.known() ? c.bytes() : null);
        m.put("usedBytes", c.known() ? c.usedBytes() : null);
        m.put("unreadable", c.known() ? null : unreadable(c));
        m.put("lost", true);
        return m;
    }

    /** The warning about unchecked processes, or "". */
    static String warning(Outcome o) {
        return o.action() == Action.RESET ? o.result().warning() : o.action() == Action.REMOVED ? o.detail() : "";
    }
}
