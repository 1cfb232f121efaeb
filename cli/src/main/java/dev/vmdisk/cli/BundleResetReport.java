package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.BundleReset.Action;
import dev.vmdisk.io.bundle.BundleReset.Outcome;

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
            case REMOVED -> o.image() + ": removed; the app creates a new session image at its next start";
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
        } else if (o.action() == Action.SKIPPED) {
            m.put("reason", o.detail());
        } else if (o.action() == Action.FAILED) {
            m.put("error", o.error().getMessage());
            m.put("exitCode", ExitCode.of(o.error()));
        }
        return m;
    }

    /** The warning about unchecked processes, or "". */
    static String warning(Outcome o) {
        return o.action() == Action.RESET ? o.result().warning() : o.action() == Action.REMOVED ? o.detail() : "";
    }
}
