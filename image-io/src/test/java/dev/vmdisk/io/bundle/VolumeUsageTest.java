package dev.vmdisk.io.bundle;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolumeUsageTest {

    @TempDir
    Path dir;

    @Test
    void percentUsedRoundsUpAsDfDoesAndSetsTheLevel() {
        assertEquals(0, new VolumeUsage("v", 0, 0, 0).percentUsed());
        assertEquals(89, usage(89_000, 11_000).percentUsed());
        assertEquals(VolumeUsage.Level.OK, usage(89_000, 11_000).level());
        assertEquals(90, usage(89_001, 10_999).percentUsed()); // 89.001% shows as 90, as df shows it
        assertEquals(VolumeUsage.Level.WARN, usage(89_001, 10_999).level());
        assertEquals(VolumeUsage.Level.WARN, usage(94_000, 6_000).level());
        assertEquals(VolumeUsage.Level.FULL, usage(95_000, 5_000).level());
        assertEquals(100, usage(1, 0).percentUsed());
    }

    @Test
    void reservedBlocksCountAsFullLikeDf() {
        // 100 total, 10 free of which 5 are reserved for root: 90 used of 95 reachable, 95%.
        VolumeUsage u = new VolumeUsage("v", 100, 90, 5);
        assertEquals(95, u.percentUsed());
        assertEquals(VolumeUsage.Level.FULL, u.level());
    }

    @Test
    void matchesDfOnTheRealVolume() {
        Tools.require("df");
        VolumeUsage u = VolumeUsage.of(dir);
        // The POSIX form (df -k -P: 1024-byte units, one line per volume), not GNU's -B1 --output, which BSD df
        // on macOS rejects. Columns: file system, total, used, available, capacity, mounted on.
        String[] df = Tools.run("df", "-k", "-P", dir.toString()).orThrow()
                .stdout().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
        long kib = 1024;
        assertTrue(Math.abs(Long.parseLong(df[1]) * kib - u.totalBytes()) < kib, df[1] + " KiB vs " + u);
        // Others write to this volume while the test runs: allow 64 MiB of drift between the two looks.
        long drift = 64L << 20;
        assertTrue(Math.abs(Long.parseLong(df[2]) * kib - u.usedBytes()) < drift, df[2] + " KiB vs " + u);
        assertTrue(Math.abs(Long.parseLong(df[3]) * kib - u.availableBytes()) < drift, df[3] + " KiB vs " + u);
        assertTrue(Math.abs(Integer.parseInt(df[4].replace("%", "")) - u.percentUsed()) <= 1, df[4] + " vs " + u);
    }

    private static VolumeUsage usage(long used, long available) {
        return new VolumeUsage("v", used + available, used, available);
    }
}
