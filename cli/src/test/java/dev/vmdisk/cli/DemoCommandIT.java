package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vmdisk demo}, the README's first command: every step must succeed and show what it did. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DemoCommandIT {

    @TempDir
    Path dir;

    @Test
    void makesTheSampleAndRunsEveryCommandOnIt() throws IOException {
        Path demo = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--dir", demo.toString());
        assertEquals(0, r.exitCode(), r.describe());
        for (String step : new String[] {"$ vmdisk inspect", "$ vmdisk holders", "$ vmdisk compact --dry-run",
                "$ vmdisk compact", "$ vmdisk reset"}) {
            assertTrue(r.out().contains(step), step + " missing\n" + r.describe());
        }
        assertTrue(r.out().contains("160.0 MiB allocated but all zeros"), r.describe());
        assertTrue(r.out().contains("punched 160.0 MiB of zero blocks"), r.describe());
        assertTrue(r.out().contains("checksum verified"), r.describe());
        // After the reset the image is the base again: 48 MiB of data in 512 MiB.
        assertEquals(DemoImages.IMAGE_SIZE, Files.size(demo.resolve("rootfs.img")));
    }
}
