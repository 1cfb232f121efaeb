package dev.vmdisk.platform.linux;

/**
 * Checks on the decimal numbers /proc prints, so that parsing them can never throw: a line that
 * fails a check is skipped as "not in the expected form".
 */
final class ProcText {
    private static final String MAX_U64 = "18446744073709551615";
    private static final String MAX_S64 = "9223372036854775807";
    private static final String MAX_S32 = "2147483647";

    private ProcText() {
    }

    /** Decimal digits whose value fits in an unsigned 64-bit number (an inode, {@code %lu}). */
    static boolean isUnsigned64(String s) {
        return fits(s, MAX_U64);
    }

    /** Decimal digits whose value fits in a {@code long} (an offset). */
    static boolean isUnsigned63(String s) {
        return fits(s, MAX_S64);
    }

    /** Decimal digits whose value fits in an {@code int} (a pid, an fd). */
    static boolean isUnsigned31(String s) {
        return fits(s, MAX_S32);
    }

    private static boolean fits(String s, String max) {
        if (s.isEmpty() || s.length() > max.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return s.length() < max.length() || s.compareTo(max) <= 0;
    }

    /** 1 to 16 hex digits: fits in an unsigned 64-bit number (an address in maps). */
    static boolean isHex64(String s) {
        if (s.isEmpty() || s.length() > 16) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
