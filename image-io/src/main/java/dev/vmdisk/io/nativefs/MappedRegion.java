package dev.vmdisk.io.nativefs;

import java.nio.ByteBuffer;

/**
 * A read-only mapping of part of a file made by {@link NativeFile#mapReadOnly}. {@link #close()} unmaps it;
 * after that its buffer must never be touched (the JVM would crash, not throw).
 */
public interface MappedRegion extends AutoCloseable {
    /** The mapped bytes; position 0 is the mapping's first byte. */
    ByteBuffer buffer();

    @Override
    void close();
}
