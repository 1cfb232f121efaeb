package dev.vmdisk.cli;

import dev.vmdisk.io.reset.ReleaseMarker;

import java.util.LinkedHashMap;
import java.util.Map;

/** What reset says about the image's release marker: a line for people, an object for {@code --json}. */
final class ReleaseMarkerReport {
    private ReleaseMarkerReport() {
    }

    /** Whether there is anything to say: an image with no marker whose base has none either is not the app's. */
    static boolean worthSaying(ReleaseMarker m) {
        return m != null && !(m.action() == ReleaseMarker.Action.LEFT_ALONE && m.previous() == null);
    }

    /** The line under reset's result line, or null when there is nothing to say. */
    static String text(ReleaseMarker m) {
        if (!worthSaying(m)) {
            return null;
        }
        String name = m.marker().getFileName().toString();
        return switch (m.action()) {
            case WRITTEN -> "  release marker " + name + " now names the base's release " + quoted(m.release())
                    + (m.previous() == null ? " (it was missing)" : " (it named " + quoted(m.previous()) + ")");
            case UNCHANGED -> "  release marker " + name + " already names the base's release " + quoted(m.release());
            case LEFT_ALONE -> "  release marker " + name + " left as it was (" + quoted(m.previous())
                    + "): the base has no release marker of its own, so vmdisk cannot tell which release the image is now";
        };
    }

    /** The object for JSON, or null when there is nothing to say. */
    static Map<String, Object> toMap(ReleaseMarker m) {
        if (!worthSaying(m)) {
            return null;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("path", m.marker().toString());
        o.put("action", switch (m.action()) {
            case WRITTEN -> "written";
            case UNCHANGED -> "unchanged";
            case LEFT_ALONE -> "left-alone";
        });
        o.put("release", ReleaseMarker.shown(m.release()));
        o.put("previous", ReleaseMarker.shown(m.previous()));
        return o;
    }

    private static String quoted(String release) {
        String s = ReleaseMarker.shown(release);
        return s.isEmpty() ? "(empty)" : "\"" + dev.vmdisk.io.nativefs.ControlChars.escape(s) + "\"";
    }
}
