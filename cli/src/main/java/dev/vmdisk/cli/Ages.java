package dev.vmdisk.cli;

import java.time.Duration;

/** Durations as vmdisk prints them: {@code 3d 4h}, {@code 5h 12m}, {@code 7m}, {@code 40s}. */
final class Ages {
    private Ages() {
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 86_400) {
            return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
