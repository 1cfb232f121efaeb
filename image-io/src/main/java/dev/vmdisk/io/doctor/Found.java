package dev.vmdisk.io.doctor;

import dev.vmdisk.io.bundle.Reclaim;
import dev.vmdisk.io.bundle.VolumeUsage;
import dev.vmdisk.io.guest.GuestFsReport;

/**
 * What a doctor check found: the figures it read, which cli words for people; or, for the checks whose
 * findings are paths and errno names rather than figures, the line itself.
 */
public sealed interface Found {

    /** A line that holds no figure to format: a path, an errno, a mount option. */
    record Text(String line) implements Found {
    }

    /** How full a host volume is. */
    record HostVolume(VolumeUsage usage) implements Found {
    }

    /**
     * One guest file system of an image: how full it is, and what compact would give back of the whole image.
     *
     * @param asif whether the image is an ASIF disk (its partition 0 is the virtual disk, not the whole file)
     */
    record GuestSpace(GuestFsReport report, boolean asif, Reclaim reclaim) implements Found {
    }

    /** An image in which no ext2/3/4 file system was read: what it allocates, and what compact would give back. */
    record NoGuestFs(long allocatedBytes, Reclaim reclaim) implements Found {
    }
}
