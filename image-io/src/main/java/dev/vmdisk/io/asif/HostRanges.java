package dev.vmdisk.io.asif;

import dev.vmdisk.io.scan.Extent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sorted, disjoint host byte ranges, and the two operations the ASIF compaction needs on them. */
final class HostRanges {
    private HostRanges() {
    }

    /** {@code in} sorted by offset, touching or overlapping ranges joined. */
    static List<Extent> normalise(List<Extent> in) {
        List<Extent> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingLong(Extent::offset));
        List<Extent> out = new ArrayList<>();
        for (Extent e : sorted) {
            if (e.length() == 0) {
                continue;
            }
            Extent last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && e.offset() <= last.end()) {
                out.set(out.size() - 1, new Extent(last.offset(), Math.max(last.end(), e.end()) - last.offset()));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** The parts of {@code a} that are also in {@code b}; both sorted and disjoint. */
    static List<Extent> intersect(List<Extent> a, Iterable<Extent> b) {
        List<Extent> out = new ArrayList<>();
        int i = 0;
        for (Extent e : b) {
            while (i < a.size() && a.get(i).end() <= e.offset()) {
                i++;
            }
            for (int j = i; j < a.size() && a.get(j).offset() < e.end(); j++) {
                long s = Math.max(a.get(j).offset(), e.offset());
                long t = Math.min(a.get(j).end(), e.end());
                if (s < t) {
                    out.add(new Extent(s, t - s));
                }
            }
        }
        return normalise(out);
    }

    /** {@code a} less {@code b}; both sorted and disjoint. */
    static List<Extent> subtract(List<Extent> a, List<Extent> b) {
        List<Extent> out = new ArrayList<>();
        int j = 0;
        for (Extent e : a) {
            long pos = e.offset();
            while (j < b.size() && b.get(j).end() <= pos) {
                j++;
            }
            int k = j;
            while (pos < e.end()) {
                if (k == b.size() || b.get(k).offset() >= e.end()) {
                    out.add(new Extent(pos, e.end() - pos));
                    break;
                }
                if (b.get(k).offset() > pos) {
                    out.add(new Extent(pos, b.get(k).offset() - pos));
                }
                pos = Math.max(pos, b.get(k).end());
                k++;
            }
        }
        return out;
    }

    static long bytes(List<Extent> list) {
        long total = 0;
        for (Extent e : list) {
            total += e.length();
        }
        return total;
    }
}
