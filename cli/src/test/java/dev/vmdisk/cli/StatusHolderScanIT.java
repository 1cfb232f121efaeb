package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.BundleStatus;
import dev.vmdisk.io.bundle.BundleStatusReader;
import dev.vmdisk.io.bundle.ImageStatus;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vmdisk status} of a bundle of many images walks the processes once, not once per image (3,000
 * small images took 107 s on two loaded cores, 13 s with one walk). The real port, counted as it is used.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StatusHolderScanIT {
    private static final int IMAGES = 200;

    @TempDir
    Path bundle;

    @Test
    void oneHolderScanForTheWholeBundleThatStillFindsTheHolder() throws IOException {
        for (int i = 0; i < IMAGES; i++) {
            Fixtures.emptySparse(bundle, String.format("img%03d.img", i), 1 << 20);
        }
        Path held = bundle.resolve("img042.img");
        Counting fs = new Counting(NativeFsLoader.load());
        BundleStatus status;
        try (HolderProcess holder = new HolderProcess(held)) {
            status = new BundleStatusReader(fs).read(bundle, ScanProgress.NONE);
            assertEquals(1, fs.batches.get(), "one scan for the bundle");
            assertEquals(0, fs.singles.get(), "no scan per image");
            assertEquals(IMAGES, status.images().size());
            assertEquals(List.of(), status.uncounted(), "every file counted");
            for (ImageStatus s : status.images()) {
                HolderReport h = s.figures().orElseThrow().holders();
                if (s.image().path().equals(held)) {
                    assertTrue(h.holders().stream().anyMatch(x -> x.pid() == holder.pid()), h.toString());
                } else {
                    assertFalse(h.held(), s.image().path() + ": " + h);
                }
            }
        }
    }

    /** The platform port with its holder scans counted. */
    private static final class Counting implements NativeFs {
        private final NativeFs real;
        final AtomicInteger singles = new AtomicInteger();
        final AtomicInteger batches = new AtomicInteger();

        Counting(NativeFs real) {
            this.real = real;
        }

        @Override
        public String platformName() {
            return real.platformName();
        }

        @Override
        public NativeFile open(Path path, Access access) {
            return real.open(path, access);
        }

        @Override
        public HolderReport holders(Path path) {
            singles.incrementAndGet();
            return real.holders(path);
        }

        @Override
        public dev.vmdisk.io.nativefs.FileAllocation allocationNoFollow(Path path) {
            return real.allocationNoFollow(path);
        }

        @Override
        public Map<Path, HolderReport> holdersOfAll(List<Path> paths) {
            batches.incrementAndGet();
            return real.holdersOfAll(paths);
        }
    }
}
