package dev.vmdisk.io.nativefs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FullnessTest {
    @Test
    void roundsUpAsDfDoes() {
        assertEquals(0, Fullness.percent(0, 100));
        assertEquals(91, Fullness.percent(901, 1000));
        assertEquals(90, Fullness.percent(900, 1000));
        assertEquals(100, Fullness.percent(1000, 1000));
        assertEquals(100, Fullness.percent(2000, 1000), "over a soft limit");
        assertEquals(0, Fullness.percent(5, 0), "no limit");
    }

    @Test
    void exabyteFiguresDoNotOverflow() {
        long limit = Long.MAX_VALUE - 1;
        assertEquals(50, Fullness.percent(limit / 2, limit));
        assertEquals(1, Fullness.percent(1L << 20, limit));
    }

    @Test
    void theQuotaLimitIsTheLowerOfSoftAndHard() {
        QuotaUsage q = QuotaUsage.of(960, 1000, 2000, 10, 0, 100);
        assertEquals(1000, q.spaceLimitBytes());
        assertEquals(96, q.spacePercentUsed());
        assertEquals(100, q.inodeLimit());
        assertEquals(10, q.inodePercentUsed());
        assertEquals(0, QuotaUsage.unknown("no quota").spacePercentUsed());
    }
}
