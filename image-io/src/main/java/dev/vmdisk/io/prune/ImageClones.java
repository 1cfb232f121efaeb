package dev.vmdisk.io.prune;

import dev.vmdisk.io.nativefs.NativeFile;

/**
 * A copy-on-write clone of the image taken before prune writes, put back if anything fails, removed once
 * the pruned file system checks out. Where the host file system can clone (APFS {@code clonefile}, Linux
 * {@code FICLONE}) a clone costs no space; elsewhere there is none ({@link #NONE}) and the ordered writes
 * alone keep an interruption to leaks. The native binding belongs to the platform port; this interface is
 * where prune asks for it.
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

    /** No clones: the host cannot make them, or the port does not bind them yet. */
    ImageClones NONE = image -> NO_BACKUP;

    /**
     * Clones the image open as {@code image} (through that descriptor, so vmdisk's own lease stands) beside
     * itself, or returns {@link #NO_BACKUP} when the host file system cannot.
     */
    Backup take(NativeFile image);
}
