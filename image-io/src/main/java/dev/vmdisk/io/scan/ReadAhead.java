package dev.vmdisk.io.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * What to ask the kernel to read ahead for a window's segments: one range per stretch of segments
 * whose gaps are small, instead of one call per segment. A trimmed image has thousands of small used
 * pieces between punched free runs; one {@code WILLNEED} each cost more than reading them.
 */
final class ReadAhead {
    /** Gaps up to 1 MiB are read along: usually holes (free to read), else less than a call per piece costs. */
    static final long MAX_GAP = 1L << 20;

    private ReadAhead() {
    }

    /** {@code segments} (sorted, disjoint) joined across gaps of at most {@code maxGap} bytes. */
    static List<Extent> ranges(List<Extent> segments, long maxGap) {
        List<Extent> out = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (Extent s : segments) {
            if (start >= 0 && s.offset() - end <= maxGap) {
                end = Math.max(end, s.end());
                continue;
            }
            if (start >= 0) {
                out.add(new Extent(start, end - start));
            }
            start = s.offset();
            end = s.end();
        }
        if (start >= 0) {
            out.add(new Extent(start, end - start));
        }
        return out;
    }
}
