package dev.vmdisk.io.ext4;

/**
 * Called around each of prune's three write phases: {@link #before} re-checks that the image is still
 * vmdisk's alone (and may throw to stop there, nothing of the phase written); {@link #after} runs once the
 * phase is synced, which is where the crash tests stop a run.
 */
public interface PrunePhases {
    /** The write phases, in the order that keeps every interruption to leaks: names, then inodes, then blocks. */
    enum Phase { ENTRIES, INODES, BLOCKS }

    PrunePhases NONE = new PrunePhases() {
    };

    default void before(Phase phase) {
    }

    default void after(Phase phase) {
    }
}
