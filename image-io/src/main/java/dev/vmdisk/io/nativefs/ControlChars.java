package dev.vmdisk.io.nativefs;

/**
 * Makes a string from another process (an executable path, a command line) safe to print on a terminal,
 * as {@code ls -b} does: anyone can name a program {@code "\e[2J"} or put a newline in its argv[0], and
 * printed raw it would clear the screen or forge an extra line of vmdisk's output. Text output escapes;
 * JSON keeps the real string (its own escaping is exact).
 */
public final class ControlChars {
    private ControlChars() {
    }

    /**
     * {@code \n}, {@code \t}, {@code \r} and {@code \\} as in C; other C0 and C1 control characters and DEL
     * as {@code \xNN}; the Unicode line separators and bidirectional overrides (which reorder what
     * follows on the line) as {@code \\uNNNN}. Everything else is kept.
     */
    public static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            sb.append(replacement);
        }
        return sb == null ? s : sb.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\\' -> "\\\\";
            default -> {
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    yield String.format("\\x%02x", (int) c);
                }
                if (c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
                    yield String.format("\\u%04x", (int) c);
                }
                yield null;
            }
        };
    }
}
