package dev.vmdisk.io.bundle;

import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How full the host volume under a path is, counted as {@code df} counts it: used is total minus free,
 * and the percentage is of what an unprivileged user can reach (used plus available), so blocks the
 * file system reserves for root count as full.
 *
 * @param volume         the volume as the JDK names it ({@code "/ (/dev/sda1)"} on Linux)
 * @param totalBytes     the volume's size ({@code f_blocks})
 * @param usedBytes      total minus free ({@code f_blocks - f_bfree})
 * @param availableBytes what a non-root user can still write ({@code f_bavail})
 */
public record VolumeUsage(String volume, long totalBytes, long usedBytes, long availableBytes) {
    /** From this share used on, {@code vmdisk status} warns: sessions start failing soon after. */
    public static final int WARN_PERCENT = 90;
    /** From this share used on, {@code vmdisk status} flags the volume as nearly full. */
    public static final int FULL_PERCENT = 95;

    /** How full it is, for people and scripts. */
    public enum Level {
        OK, WARN, FULL;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The volume that holds {@code path}. */
    public static VolumeUsage of(Path path) {
        try {
            FileStore store = Files.getFileStore(path);
            long total = store.getTotalSpace();
            long free = store.getUnallocatedSpace();
            return new VolumeUsage(store.toString(), total, Math.max(0, total - free), store.getUsableSpace());
        } catch (IOException e) {
            throw new EnvironmentException(path + ": cannot read the free space of its volume: " + e.getMessage(), e);
        }
    }

    /** Percent used, rounded up as {@code df} rounds it, so 90.1% shows as 91%. */
    public int percentUsed() {
        long reachable = usedBytes + availableBytes;
        if (reachable <= 0) {
            return 0;
        }
        return (int) Math.min(100, (usedBytes * 100 + reachable - 1) / reachable);
    }

    public Level level() {
        int p = percentUsed();
        return p >= FULL_PERCENT ? Level.FULL : p >= WARN_PERCENT ? Level.WARN : Level.OK;
    }
}
