package dev.vmdisk.io.nativefs;

/** Percentages of a limit, rounded up as {@code df} rounds them, so 90.1% shows as 91%. */
public final class Fullness {
    /** From this share used on, a warning: sessions start failing soon after. */
    public static final int WARN_PERCENT = 90;
    /** From this share used on, full: writes fail with ENOSPC or EDQUOT any moment. */
    public static final int FULL_PERCENT = 95;

    private Fullness() {
    }

    /** {@code used} as a percentage of {@code limit}, rounded up, at most 100; 0 for no limit. */
    public static int percent(long used, long limit) {
        if (limit <= 0 || used <= 0) {
            return 0;
        }
        if (used >= limit) {
            return 100;
        }
        while (limit > Long.MAX_VALUE / 100) { // exabyte figures: scale both so used * 100 cannot overflow
            used >>>= 8;
            limit >>>= 8;
        }
        return (int) Math.min(100, (used * 100 + limit - 1) / limit);
    }
}
