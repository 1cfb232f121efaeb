package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.bundle.Reclaim;
import dev.vmdisk.io.bundle.VolumeUsage;
import dev.vmdisk.io.doctor.Found;
import dev.vmdisk.io.guest.GuestFsReport;

/**
 * The one line that says what a doctor check found, from the figures it read: "/: 42% used, 1.2 GiB available
 * of 20.0 GiB", "partition 1: 12% used, 3.4 GiB free; 256.0 MiB reclaimable on the host by vmdisk compact
 * (clean)". Text and JSON ({@code found}) both use it.
 */
final class DoctorFoundLine {
    private DoctorFoundLine() {
    }

    static String of(Found found) {
        if (found instanceof Found.HostVolume h) {
            return hostVolume(h.usage());
        }
        if (found instanceof Found.GuestSpace g) {
            return guestSpace(g.report(), g.asif()) + "; " + reclaim(g.reclaim()) + " (" + g.report().state() + ")";
        }
        if (found instanceof Found.NoGuestFs n) {
            return Sizes.human(n.allocatedBytes()) + " allocated; " + reclaim(n.reclaim()) + " (no ext2/3/4 file system read)";
        }
        return ((Found.Text) found).line();
    }

    private static String hostVolume(VolumeUsage v) {
        return v.volume() + ": " + v.percentUsed() + "% used, " + Sizes.human(v.availableBytes()) + " available of "
                + Sizes.human(v.totalBytes());
    }

    /** Partition 0 is the file itself: of an ASIF image, the virtual disk it maps. */
    private static String guestSpace(GuestFsReport g, boolean asif) {
        String where = g.fs().partition() == 0 ? (asif ? "virtual disk" : "whole image") : "partition " + g.fs().partition();
        return where + ": " + g.usedPercent() + "% used, " + Sizes.human(g.freeBytes()) + " free";
    }

    private static String reclaim(Reclaim r) {
        return r.known() ? Sizes.human(r.bytes()) + " reclaimable on the host by " + r.command()
                : "reclaimable on the host unknown (" + ForeignFormatNote.of(r) + ")";
    }
}
