package dev.vmdisk.io;

import java.util.Locale;

/**
 * Byte counts for people, in binary units and {@link Locale#ROOT} (a decimal point and ASCII digits in every locale):
 * the one formatter for text output and messages.
 */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** {@code 512 B}, {@code 7.9 MiB}, {@code 2.0 GiB}. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %s", bytes / (double) (1L << (10 * unit)), UNITS[unit]);
    }

    /**
     * As {@code du -h} prints sizes, for vmdisk du's column: {@code 512B}, {@code 4.0K}, {@code 16K}, {@code 1.2M}
     * (one decimal below 10, none from 10).
     */
    public static String brief(long bytes) {
        String units = "KMGTPE";
        if (bytes < 1024) {
            return bytes + "B";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + units.charAt(u);
    }
}
