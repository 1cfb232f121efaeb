package dev.vmdisk.io.guest;

import dev.vmdisk.io.LongList;
import dev.vmdisk.io.ext4.Ext4Volume;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.scan.Extent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The parts of a guest's free space that the host still allocates: each free run aligned inward to the
 * host file system's block (a partial host block at either end stays, since it may share a host block
 * with used guest data), then cut to the data extents {@code SEEK_DATA}/{@code SEEK_HOLE} report inside
 * it. These ranges can be punched without reading them. Ranges are sorted, disjoint and host-block
 * aligned.
 */
public final class AllocatedFreeSpace {
    public static final AllocatedFreeSpace NONE = new AllocatedFreeSpace(new long[0], 0);

    private final long[] ranges; // start0, end0, start1, end1, ...
    private final long bytes;

    private AllocatedFreeSpace(long[] ranges, long bytes) {
        this.ranges = ranges;
        this.bytes = bytes;
    }

    /** Ranges given directly as {@code start0, end0, start1, end1, …}, sorted and disjoint; for tests. */
    static AllocatedFreeSpace ofRanges(long... startEnd) {
        long total = 0;
        for (int i = 0; i < startEnd.length; i += 2) {
            total += startEnd[i + 1] - startEnd[i];
        }
        return new AllocatedFreeSpace(startEnd.clone(), total);
    }

    /** Total bytes in the ranges: what punching them gives back to the host. */
    public long bytes() {
        return bytes;
    }

    /** How many ranges there are. */
    public int count() {
        return ranges.length / 2;
    }

    public long start(int i) {
        return ranges[2 * i];
    }

    public long end(int i) {
        return ranges[2 * i + 1];
    }

    /** How many bytes of {@code [offset, offset + length)} lie in the ranges (a binary search, then a walk over those it meets). */
    public long overlap(long offset, long length) {
        long end = offset + length;
        int lo = 0;
        int hi = count();
        while (lo < hi) { // the first range that ends after offset
            int mid = (lo + hi) >>> 1;
            if (end(mid) <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long total = 0;
        for (int i = lo; i < count() && start(i) < end; i++) {
            total += Math.min(end, end(i)) - Math.max(offset, start(i));
        }
        return total;
    }

    /** All ranges of {@code parts}, which must come in image order and not overlap (file systems of one image). */
    public static AllocatedFreeSpace concat(List<AllocatedFreeSpace> parts) {
        int n = 0;
        long total = 0;
        for (AllocatedFreeSpace p : parts) {
            n += p.ranges.length;
            total += p.bytes;
        }
        long[] all = new long[n];
        int at = 0;
        long last = Long.MIN_VALUE;
        for (AllocatedFreeSpace p : parts) {
            if (p.ranges.length > 0 && p.ranges[0] < last) {
                throw new IllegalArgumentException("free space of overlapping or unordered file systems");
            }
            System.arraycopy(p.ranges, 0, all, at, p.ranges.length);
            at += p.ranges.length;
            last = p.ranges.length > 0 ? p.ranges[p.ranges.length - 1] : last;
        }
        return new AllocatedFreeSpace(all, total);
    }

    /**
     * {@code extents} (sorted, disjoint, e.g. a file's data extents) without these ranges; lazy. What is
     * left of the image once the free space is dealt with.
     */
    public Iterable<Extent> subtractFrom(Iterable<Extent> extents) {
        return () -> new Iterator<>() {
            private final Iterator<Extent> in = extents.iterator();
            private int i;
            private long pos;
            private long end;
            private boolean open;
            private Extent next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (!open) {
                        if (!in.hasNext()) {
                            return false;
                        }
                        Extent e = in.next();
                        pos = e.offset();
                        end = e.end();
                        open = pos < end;
                        continue;
                    }
                    while (i < count() && end(i) <= pos) {
                        i++;
                    }
                    if (i == count() || start(i) >= end) {
                        next = new Extent(pos, end - pos);
                        open = false;
                    } else if (start(i) > pos) {
                        next = new Extent(pos, start(i) - pos);
                        pos = start(i);
                    } else {
                        pos = Math.min(end(i), end);
                        open = pos < end;
                    }
                }
                return true;
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

    /**
     * Builds the ranges from free runs handed over in increasing order (an {@link Ext4Volume.FreeRunSink}).
     * Asks the host where data is only where it must: a data extent that covers many free runs costs
     * one {@code SEEK_DATA}/{@code SEEK_HOLE} pair, and used space between runs is skipped by seeking.
     *
     * <p>When the guest's blocks are smaller than the host's (1 KiB ext blocks on a 4 KiB host), a host
     * block at the edge of a free run holds used bytes too. It is read (only it) and punched whole when
     * every byte in it that is not free is zero, as zeroing the free blocks and digging holes would.
     */
    public static final class Builder implements Ext4Volume.FreeRunSink {
        private final NativeFile file;
        private final FileChannel channel;
        private final long block;
        private final long fileSize;
        private final LongList out = new LongList();
        private long bytes;
        private long dataStart = -1;
        private long dataEnd = -1;
        private boolean noMoreData;
        private long lastEnd = Long.MIN_VALUE;
        /** The host block at the edge of free runs waiting to be judged, or -1; its free pieces. */
        private long edge = -1;
        private final long[] edgeFree;
        private int edgeFreeCount;
        private final ByteBuffer edgeBytes;

        /**
         * @param channel   the same image, for reading host blocks at the edges of free runs
         * @param hostBlock the host file system's block size, a power of two
         */
        public Builder(NativeFile file, FileChannel channel, int hostBlock) {
            if (hostBlock <= 0 || Integer.bitCount(hostBlock) != 1) {
                throw new IllegalArgumentException("host block size " + hostBlock);
            }
            this.file = file;
            this.channel = channel;
            this.block = hostBlock;
            this.fileSize = file.apparentSize();
            this.edgeFree = new long[2 * hostBlock]; // at most one free piece per byte pair: never exceeded
            this.edgeBytes = ByteBuffer.allocate(hostBlock);
        }

        @Override
        public void run(long offset, long length) {
            if (offset < lastEnd || length <= 0) {
                throw new IllegalArgumentException("free runs out of order at byte " + offset);
            }
            lastEnd = offset + length;
            long end = offset + length;
            long s = (offset + block - 1) & -block;
            long e = end & -block;
            if (s > e) { // inside one host block
                edgePiece(offset & -block, offset, end);
                return;
            }
            if (offset < s) {
                edgePiece(offset & -block, offset, s);
            }
            if (s < e) {
                judgeEdge();
                middle(s, e);
            }
            if (end > e) {
                edgePiece(e, e, end);
            }
        }

        /** The host-aligned middle of a free run: the parts the host allocates. */
        private void middle(long s, long e) {
            while (!noMoreData && s < e) {
                if (dataEnd <= s) {
                    long d = file.nextData(s);
                    if (d < 0) {
                        noMoreData = true;
                        return;
                    }
                    long h = file.nextHole(d);
                    if (h <= d) {
                        // Every step must move forward, or a confused file system would loop for ever.
                        throw new IllegalStateException(file.path() + ": SEEK_HOLE went backwards at " + d);
                    }
                    dataStart = d;
                    dataEnd = h;
                }
                if (dataStart >= e) {
                    return; // the next data lies beyond this run
                }
                add(Math.max(dataStart, s), Math.min(dataEnd, e));
                s = dataEnd; // more data inside this run after this extent? (none when the extent reaches past it)
            }
        }

        private void edgePiece(long hostBlock, long from, long to) {
            if (hostBlock != edge) {
                judgeEdge();
                edge = hostBlock;
            }
            if (edgeFreeCount > 0 && edgeFree[edgeFreeCount - 1] == from) {
                edgeFree[edgeFreeCount - 1] = to;
            } else {
                edgeFree[edgeFreeCount++] = from;
                edgeFree[edgeFreeCount++] = to;
            }
        }

        /** Punches the pending edge block whole if the host allocates it and all of it that is not free is zero. */
        private void judgeEdge() {
            long b = edge;
            int pieces = edgeFreeCount;
            edge = -1;
            edgeFreeCount = 0;
            if (b < 0 || b + block > fileSize) {
                return;
            }
            long d = file.nextData(b);
            if (d < 0 || d >= b + block) {
                return; // already a hole
            }
            edgeBytes.clear();
            try {
                while (edgeBytes.hasRemaining()) {
                    if (channel.read(edgeBytes, b + edgeBytes.position()) < 0) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long pos = b;
            for (int i = 0; i <= pieces; i += 2) {
                long usedTo = i < pieces ? edgeFree[i] : b + block;
                for (long p = pos; p < usedTo; p++) {
                    if (edgeBytes.get((int) (p - b)) != 0) {
                        return;
                    }
                }
                pos = i < pieces ? edgeFree[i + 1] : usedTo;
            }
            add(b, b + block);
        }

        private void add(long from, long to) {
            bytes += to - from;
            out.addRange(from, to);
        }

        public AllocatedFreeSpace build() {
            judgeEdge();
            return new AllocatedFreeSpace(out.toArray(), bytes);
        }
    }
}
