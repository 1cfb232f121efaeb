package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.BundleEntry;

/**
 * The words after a bundle file's kind in {@code vmdisk status} ("release marker (of rootfs.img)"), and its
 * JSON {@code detail}: which file it belongs to, who holds a download, why a directory could not be listed.
 */
final class BundleEntryDetail {
    private BundleEntryDetail() {
    }

    /** The detail of {@code e}, or "" when there is nothing more to say. */
    static String of(BundleEntry e) {
        if (e.unreadable() != null) {
            return "cannot list it: " + e.unreadable();
        }
        return switch (e.kind()) {
            case DOWNLOAD_IN_PROGRESS, STALLED_DOWNLOAD -> e.holders() == null ? ""
                    : e.holders().held() ? e.holders().summary() : "no process holds it";
            case RESET_LEFTOVER -> e.belongsTo() != null ? "vmdisk reset " + e.belongsTo() + " removes it"
                    : "left by a vmdisk run that was killed; its next run removes it";
            default -> e.belongsTo() == null ? "" : "of " + e.belongsTo();
        };
    }
}
