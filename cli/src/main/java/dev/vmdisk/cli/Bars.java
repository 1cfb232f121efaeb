package dev.vmdisk.cli;

import java.util.List;

/**
 * Proportional bars in text cells, drawn with Unicode block characters so a share reads at a glance, as
 * {@code dust} and {@code ncdu} draw theirs. Pure functions of the figures: the same numbers give the same
 * picture on every machine, so golden-text tests can pin them.
 */
final class Bars {
    /** Eighths of a cell, for the end of a single bar: a share is shown to 1/8 of a cell. */
    private static final String[] EIGHTHS = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    static final String RESET = "\u001b[0m";

    private Bars() {
    }

    /**
     * One bar of {@code width} cells filled in proportion to {@code part / whole} (spaces after it), e.g.
     * {@code "█████▌    "}. A whole of 0 or less is an empty bar.
     */
    static String share(long part, long whole, int width) {
        long eighths = whole <= 0 ? 0 : Math.round(Math.min(1.0, Math.max(0.0, part / (double) whole)) * width * 8);
        StringBuilder sb = new StringBuilder(width);
        sb.append("█".repeat((int) (eighths / 8)));
        sb.append(EIGHTHS[(int) (eighths % 8)]);
        while (sb.codePointCount(0, sb.length()) < width) {
            sb.append(' ');
        }
        return sb.toString();
    }

    /**
     * One segment of a stacked bar.
     *
     * @param bytes  its size
     * @param glyph  the character its cells are drawn with (so the picture reads without colour too)
     * @param colour an ANSI SGR sequence for its cells, or "" for the terminal's own colour
     */
    record Segment(long bytes, String glyph, String colour) {
    }

    /**
     * {@code width} cells split between the segments in proportion to their bytes out of their sum; each cell
     * boundary is the rounded cumulative share, so the cells add up to {@code width} exactly and a larger
     * segment never gets fewer cells than a smaller one next to it. Colour codes only when {@code colour}.
     */
    static String stacked(List<Segment> segments, int width, boolean colour) {
        long whole = segments.stream().mapToLong(Segment::bytes).sum();
        StringBuilder sb = new StringBuilder();
        long cumulative = 0;
        int drawn = 0;
        for (Segment s : segments) {
            cumulative += s.bytes();
            int end = whole <= 0 ? 0 : (int) Math.round(cumulative * (double) width / whole);
            int cells = end - drawn;
            if (cells > 0) {
                boolean paint = colour && !s.colour().isEmpty();
                sb.append(paint ? s.colour() : "").append(s.glyph().repeat(cells)).append(paint ? RESET : "");
                drawn = end;
            }
        }
        sb.append(" ".repeat(width - drawn));
        return sb.toString();
    }
}
