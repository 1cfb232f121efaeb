package dev.vmdisk.io.ext4;

import dev.vmdisk.io.EnvironmentException;

/** A fixed-size bit set over the blocks of a file system: {@code blocksCount / 8} bytes, checked against the heap first. */
final class BlockSet {
    private final long[] words;
    private final long size;

    BlockSet(long size, String image) {
        long words = (size + 63) >>> 6;
        long bytes = words * 8;
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (words > Integer.MAX_VALUE - 8 || bytes > budget) {
            throw new EnvironmentException(image + ": checking " + size + " blocks needs " + (bytes >> 20)
                    + " MiB of memory; run with a larger Java heap (JAVA_OPTS=-Xmx" + ((bytes >> 29) + 1) + "g)");
        }
        this.words = new long[(int) words];
        this.size = size;
    }

    long size() {
        return size;
    }

    boolean get(long i) {
        return (words[(int) (i >>> 6)] & (1L << i)) != 0;
    }

    /**
     * Sets bits {@code [from, from + count)} and returns the first that was already set, or -1.
     * The caller has checked the range against {@link #size()}.
     */
    long setRange(long from, long count) {
        long clash = -1;
        long i = from;
        long end = from + count;
        while (i < end) {
            int w = (int) (i >>> 6);
            int lo = (int) (i & 63);
            int hi = (int) Math.min(64, lo + (end - i));
            long mask = hi == 64 ? -1L << lo : ((1L << hi) - 1) & (-1L << lo);
            long both = words[w] & mask;
            if (both != 0 && clash < 0) {
                clash = ((long) w << 6) + Long.numberOfTrailingZeros(both);
            }
            words[w] |= mask;
            i += hi - lo;
        }
        return clash;
    }

    /** The first set bit at or after {@code from}, or -1. */
    long nextSet(long from) {
        if (from >= size) {
            return -1;
        }
        int w = (int) (from >>> 6);
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                long i = ((long) w << 6) + Long.numberOfTrailingZeros(word);
                return i < size ? i : -1;
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }
}
