package dev.vmdisk.io.bundle;

import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.nativefs.HolderReport;

import java.util.List;

/**
 * One image as {@code vmdisk status} shows it.
 *
 * @param apparentBytes  the file's length
 * @param allocatedBytes what the host allocates for it
 * @param format         {@code raw} or {@code asif}
 * @param fileSystems    its guest's ext file systems, with how full each is
 * @param holders        the processes holding it
 * @param reclaim        what compact would give back
 */
public record ImageFigures(long apparentBytes, long allocatedBytes, String format, List<GuestFsReport> fileSystems,
                           HolderReport holders, Reclaim reclaim) {
    public ImageFigures {
        fileSystems = List.copyOf(fileSystems);
    }
}
