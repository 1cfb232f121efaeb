package dev.vmdisk.io.nativefs;

import java.util.Optional;

/**
 * A user's disk quota on one file system, as {@code quotactl(Q_GETQUOTA)} reports it. A limit of 0
 * means none. When it cannot be read, {@link #unknown()} says why (no quota on that file system, the
 * kernel or platform cannot say, not allowed).
 *
 * @param usedBytes      {@code dqb_curspace}
 * @param softBytes      {@code dqb_bsoftlimit × 1024}
 * @param hardBytes      {@code dqb_bhardlimit × 1024}
 * @param usedInodes     {@code dqb_curinodes}
 * @param softInodes     {@code dqb_isoftlimit}
 * @param hardInodes     {@code dqb_ihardlimit}
 */
public record QuotaUsage(long usedBytes, long softBytes, long hardBytes,
                         long usedInodes, long softInodes, long hardInodes, Optional<String> unknown) {

    public static QuotaUsage unknown(String reason) {
        return new QuotaUsage(0, 0, 0, 0, 0, 0, Optional.of(reason));
    }

    public static QuotaUsage of(long usedBytes, long softBytes, long hardBytes, long usedInodes, long softInodes, long hardInodes) {
        return new QuotaUsage(usedBytes, softBytes, hardBytes, usedInodes, softInodes, hardInodes, Optional.empty());
    }

    public boolean known() {
        return unknown.isEmpty();
    }

    /** The limit writes first fail at: the soft limit once its grace runs out, so the lower non-zero one. */
    private static long effective(long soft, long hard) {
        if (soft > 0 && hard > 0) {
            return Math.min(soft, hard);
        }
        return Math.max(soft, hard);
    }

    public long spaceLimitBytes() {
        return effective(softBytes, hardBytes);
    }

    public long inodeLimit() {
        return effective(softInodes, hardInodes);
    }

    /** Percent of the space limit used; 0 when unknown or unlimited. */
    public int spacePercentUsed() {
        return known() ? Fullness.percent(usedBytes, spaceLimitBytes()) : 0;
    }

    /** Percent of the inode limit used; 0 when unknown or unlimited. */
    public int inodePercentUsed() {
        return known() ? Fullness.percent(usedInodes, inodeLimit()) : 0;
    }
}
