package dev.vmdisk.io.scan;

import dev.vmdisk.io.nativefs.NativeFile;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The data extents of a file range, found with {@code SEEK_DATA}/{@code SEEK_HOLE} so holes are never
 * read. Lazy: each step asks the kernel for the next extent. A file system without hole support
 * reports the whole file as one extent.
 */
public final class DataExtents implements Iterable<Extent> {
    private final NativeFile file;
    private final long from;
    private final long to;

    private DataExtents(NativeFile file, long from, long to) {
        this.file = file;
        this.from = from;
        this.to = to;
    }

    /** The data extents of {@code [from, to)}, clipped to that range. */
    public static DataExtents of(NativeFile file, long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range " + from + ".." + to);
        }
        return new DataExtents(file, from, to);
    }

    /** The data extents of the whole file. */
    public static DataExtents of(NativeFile file) {
        return of(file, 0, file.apparentSize());
    }

    /** Total bytes in data extents: what a scan will read. */
    public long dataBytes() {
        long sum = 0;
        for (Extent e : this) {
            sum += e.length();
        }
        return sum;
    }

    @Override
    public Iterator<Extent> iterator() {
        return new Iterator<>() {
            private long pos = from;
            private Extent next;

            @Override
            public boolean hasNext() {
                if (next == null && pos < to) {
                    long data = file.nextData(pos);
                    if (data < 0 || data >= to) {
                        pos = to;
                        return false;
                    }
                    long hole = Math.min(file.nextHole(data), to);
                    if (data < pos || hole <= data) {
                        // Every step must move forward, or a confused file system would loop for ever.
                        throw new IllegalStateException(file.path() + ": SEEK_DATA/SEEK_HOLE went backwards at " + pos
                                + " (data " + data + ", hole " + hole + ")");
                    }
                    next = new Extent(data, hole - data);
                    pos = hole;
                }
                return next != null;
            }

            @Override
            public Extent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Extent e = next;
                next = null;
                return e;
            }
        };
    }
}
