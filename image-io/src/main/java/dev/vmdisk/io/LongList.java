package dev.vmdisk.io;

import java.util.Arrays;

/**
 * A growable array of longs, for the long lists of offsets and ranges a scan or a file system walk
 * collects (tens of thousands of runs), without boxing them. Ranges are kept as pairs
 * {@code start0, end0, start1, end1, …}; {@link #addRange} joins a range to the last one when it starts
 * where that one ends.
 */
public final class LongList {
    private long[] a = new long[64];
    private int n;

    public void add(long v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n++] = v;
    }

    public void add(long v, long w) {
        add(v);
        add(w);
    }

    /** Adds {@code [start, end)} as a pair, or extends the last pair when it ends at {@code start}. */
    public void addRange(long start, long end) {
        if (n >= 2 && a[n - 1] == start) {
            a[n - 1] = end;
            return;
        }
        add(start, end);
    }

    public int size() {
        return n;
    }

    public long get(int i) {
        if (i >= n) {
            throw new IndexOutOfBoundsException(i + " of " + n);
        }
        return a[i];
    }

    public long[] toArray() {
        return Arrays.copyOf(a, n);
    }

    /** The values sorted, each once. */
    public long[] sortedDistinct() {
        long[] s = toArray();
        Arrays.sort(s);
        int k = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[k++] = s[i];
            }
        }
        return Arrays.copyOf(s, k);
    }
}
