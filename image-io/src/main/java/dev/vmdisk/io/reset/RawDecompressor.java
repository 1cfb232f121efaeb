package dev.vmdisk.io.reset;

import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An uncompressed base: its bytes as they are, read with positional reads. Its holes are never
 * read: {@link #skipHole()} hands each one to the writer as a length, so a 2 TiB sparse base with
 * little data costs the time of its data. Holes are skipped in whole {@link #ALIGN} units, so the
 * writer's buffers stay aligned to every block size it uses; a bit of hole around data is read.
 */
final class RawDecompressor implements Decompressor {
    /** The largest block size a {@link SparseWriter} is given (1 MiB); holes are skipped in multiples of it. */
    static final long ALIGN = 1 << 20;

    private final BaseReader base;
    private final HoleMap holes;
    private volatile long consumed;
    /** Where the data extent being read ends (aligned up), or -1 when not yet looked up. */
    private long dataEnd = -1;

    RawDecompressor(BaseReader base, HoleMap holes) {
        this.base = base;
        this.holes = holes;
    }

    @Override
    public long skipHole() {
        long size = base.size();
        long at = consumed;
        if (dataEnd > at || at >= size) {
            return 0;
        }
        long data = holes.nextData(at);
        long start = data < 0 ? size : Math.max(at, data - data % ALIGN);
        if (start < size) {
            long hole = holes.nextHole(data);
            dataEnd = Math.min(size, hole + (ALIGN - hole % ALIGN) % ALIGN);
        }
        consumed = start;
        return start - at;
    }

    @Override
    public boolean fill(ByteBuffer into) {
        long size = base.size();
        try {
            long end = dataEnd > consumed ? dataEnd : size;
            consumed += base.readInto(into, consumed, end);
        } catch (IOException e) {
            throw new EnvironmentException(base.path() + ": reading the base failed: " + e.getMessage(), e);
        }
        return consumed < size;
    }

    @Override
    public long consumed() {
        return consumed;
    }

    /** Nothing to check a raw copy against. */
    @Override
    public boolean checksummed() {
        return false;
    }

    @Override
    public void close() {
        holes.close(); // the reader belongs to the caller
    }
}
