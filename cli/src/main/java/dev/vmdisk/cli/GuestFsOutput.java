package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.guest.GuestFsReport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that turns a guest file system's figures ({@link GuestFsReport}) into text and into the
 * file-system object every command's JSON uses.
 */
final class GuestFsOutput {
    private GuestFsOutput() {
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

    /** The file-system object: where it is, what it is, its figures in bytes (null when unknown), whether it may be trimmed. */
    static Map<String, Object> json(GuestFsReport f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partition", f.fs().partition() == 0 ? null : f.fs().partition());
        m.put("offset", f.fs().offset());
        m.put("type", ContentOutput.kindName(f.fs().kind()));
        m.put("label", f.label());
        m.put("uuid", f.uuid());
        m.put("sizeBytes", known(f.sizeBytes()));
        m.put("usedBytes", known(f.usedBytes()));
        m.put("freeBytes", known(f.freeBytes()));
        m.put("usedPercent", f.usedPercent() < 0 ? null : f.usedPercent());
        m.put("nearlyFull", f.nearlyFull());
        m.put("state", f.state());
        m.put("trimAllowed", f.trimAllowed());
        m.put("trimReason", f.trimReason());
        m.put("hostAllocatedFreeBytes", known(f.hostAllocatedFreeBytes()));
        return m;
    }

    private static Long known(long v) {
        return v < 0 ? null : v;
    }
}
