package dev.vmdisk.io;

import java.util.Locale;

/** Byte counts for people, in binary units: {@code 512 B}, {@code 7.9 MiB}, {@code 2.0 GiB}. The one formatter for text output and messages. */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %s", bytes / (double) (1L << (10 * unit)), UNITS[unit]);
    }
}
