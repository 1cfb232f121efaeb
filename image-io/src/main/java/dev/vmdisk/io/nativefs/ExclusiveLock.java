package dev.vmdisk.io.nativefs;

/** vmdisk's exclusive advisory lock on an image; {@link #close()} releases it. */
public interface ExclusiveLock extends AutoCloseable {
    @Override
    void close();
}
