package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.guest.GuestFsReport;

/** How text output names a guest file system and its fill, shared by compact and inspect. */
final class FsText {
    private FsText() {
    }

    /** {@code whole image: ext4 …} or {@code partition 2: ext4 "root", 4.0 MiB, 12% used, 3.5 MiB free}. */
    static String describe(GuestFsReport f) {
        return describe(f, false);
    }

    /**
     * @param virtualDisk the file system is on the virtual disk inside an ASIF file: partition 0 is then that
     *                    disk ({@code virtual disk: ext4 …}), not the whole image file
     */
    static String describe(GuestFsReport f, boolean virtualDisk) {
        String whole = virtualDisk ? "virtual disk" : "whole image";
        StringBuilder sb = new StringBuilder(f.fs().partition() == 0 ? whole : "partition " + f.fs().partition());
        sb.append(": ").append(f.fs().kind().displayName());
        if (f.label() != null) {
            sb.append(" \"").append(f.label()).append('"');
        }
        if (f.sizeBytes() >= 0) {
            sb.append(", ").append(Sizes.human(f.sizeBytes())).append(", ").append(f.usedPercent()).append("% used, ")
                    .append(Sizes.human(f.freeBytes())).append(" free");
        }
        return sb.toString();
    }

    /** The plain warning for a guest file system at least 95% full. */
    static String nearlyFull(GuestFsReport f) {
        return "FULL: " + f.usedPercent() + "% used; programs in the guest fail with \"No space left on device\""
                + " even though the host has room: delete files in the guest or grow the image";
    }
}
