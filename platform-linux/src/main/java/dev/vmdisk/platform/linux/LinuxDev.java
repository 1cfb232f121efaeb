package dev.vmdisk.platform.linux;

/**
 * Device numbers as the kernel encodes them for user space ({@code new_encode_dev}), which is how
 * {@code st_dev} reports them. {@code statx}, {@code /proc/locks} and {@code /proc/PID/maps} give
 * major and minor apart; everything is compared in this one encoding.
 */
final class LinuxDev {
    private LinuxDev() {
    }

    /** {@code (minor & 0xff) | major << 8 | (minor & ~0xff) << 12}. */
    static long encode(long major, long minor) {
        return (minor & 0xff) | (major & 0xfff) << 8 | (minor & ~0xffL) << 12;
    }

    /**
     * Parses {@code MAJ:MIN} in hex, as /proc prints a device ({@code "fe:01"}), or returns -1 when
     * the text is not that.
     */
    static long parseHexPair(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return -1;
        }
        long major = parseHex(text, 0, colon);
        long minor = parseHex(text, colon + 1, text.length());
        return major < 0 || minor < 0 ? -1 : encode(major, minor);
    }

    private static long parseHex(String s, int from, int to) {
        if (to - from > 8) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
