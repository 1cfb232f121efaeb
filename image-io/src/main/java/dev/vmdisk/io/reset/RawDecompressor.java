package dev.vmdisk.io.reset;

import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.ByteBuffer;

/** An uncompressed base: its bytes as they are, copied out of the mapped windows. */
final class RawDecompressor implements Decompressor {
    private final MappedBase base;
    private volatile long consumed;

    RawDecompressor(MappedBase base) {
        this.base = base;
    }

    @Override
    public boolean fill(ByteBuffer into) {
        long size = base.size();
        try {
            while (into.hasRemaining() && consumed < size) {
                ByteBuffer w = base.window(consumed, Math.min(size, consumed + into.remaining()));
                int n = w.remaining();
                into.put(w);
                consumed += n;
            }
        } catch (IOException | InternalError e) {
            throw new EnvironmentException(base.path() + ": reading the base failed (" + e.getMessage()
                    + "); did it change while vmdisk read it?", e);
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
        // The mapping belongs to the caller's MappedBase.
    }
}
