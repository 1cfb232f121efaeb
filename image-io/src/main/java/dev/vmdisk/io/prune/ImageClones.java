package dev.vmdisk.io.prune;

import dev.vmdisk.io.nativefs.NativeFile;

/**
 * A copy-on-write clone of the image taken before prune writes, put back if anything fails, removed once
 * the pruned file system checks out. Where the host file system can clone (APFS {@code clonefile}, Linux
 * {@code FICLONE}) a clone costs no space; elsewhere there is none and the ordered writes alone keep an
 * interruption to leaks. {@link HostClones} makes them through the port's {@code NativeFs.cloneFile}.
 */
public interface ImageClones {
    /** A clone taken, or the absence of one. */
    interface Backup {
        /** Whether a clone exists. */
        boolean taken();

        /** Puts the clone's bytes back as the image (after a failed write). */
        void restore();

        /** Removes the clone (after a checked success). */
        void discard();
    }

    Backup NO_BACKUP = new Backup() {
        @Override
        public boolean taken() {
            return false;
        }

        @Override
        public void restore() {
        }

        @Override
        public void discard() {
        }
    };

    /** No clones: the ordered writes alone (for tests, and for a caller that wants no clone beside the image). */
    ImageClones NONE = image -> NO_BACKUP;

    /**
     * Clones the image open as {@code image} (through that descriptor, so vmdisk's own lease stands) beside
     * itself, or returns {@link #NO_BACKUP} when the host file system cannot.
     */
    Backup take(NativeFile image);
}
