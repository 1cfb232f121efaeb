package dev.vmdisk.io.nativefs;

/**
 * How full the file system under a path is, in space and in inodes, as {@code df} and {@code df -i}
 * count them ({@code statvfs}).
 *
 * @param totalBytes      {@code f_blocks × f_frsize}
 * @param freeBytes       {@code f_bfree × f_frsize}
 * @param availableBytes  {@code f_bavail × f_frsize}: what a non-root user can still write
 * @param totalInodes     {@code f_files}; -1 when the platform cannot say
 * @param freeInodes      {@code f_ffree}; -1 when the platform cannot say
 */
public record FsFigures(long totalBytes, long freeBytes, long availableBytes, long totalInodes, long freeInodes) {

    public boolean inodesKnown() {
        return totalInodes >= 0 && freeInodes >= 0;
    }

    /** Percent of the space a user can reach that is used, rounded up as {@code df} does. */
    public int spacePercentUsed() {
        long used = Math.max(0, totalBytes - freeBytes);
        return Fullness.percent(used, used + availableBytes);
    }

    /**
     * Percent of inodes used, rounded up; -1 when unknown or when the file system has no fixed
     * count (btrfs and others report 0 total).
     */
    public int inodePercentUsed() {
        if (!inodesKnown() || totalInodes == 0) {
            return -1;
        }
        return Fullness.percent(totalInodes - freeInodes, totalInodes);
    }
}
