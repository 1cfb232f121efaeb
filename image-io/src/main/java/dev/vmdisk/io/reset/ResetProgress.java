package dev.vmdisk.io.reset;

/** Told how far a reset has read its base; called from the writing thread, often. */
public interface ResetProgress {
    ResetProgress NONE = (done, total) -> { };

    /** {@code done} of {@code total} bytes of the base are decompressed and written. */
    void update(long done, long total);
}
