package dev.vmdisk.io;

/**
 * Follows work counted in items (du's inodes, tmp's entries, prune's write phases), e.g. to draw a progress bar
 * on stderr. Called on the working thread, and often: an implementation keeps {@link #advance} cheap.
 */
public interface CountProgress {
    /** No progress. */
    CountProgress NONE = new CountProgress() {
    };

    /** The work starts; {@code total} items are expected, or -1 when the total is not known beforehand. */
    default void begin(long total) {
    }

    /** {@code done} items so far. */
    default void advance(long done) {
    }

    /** The work ended, whether it finished or failed. */
    default void end() {
    }
}
