package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.NativeFsLoader;
import dev.vmdisk.testdata.Tools;
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
        for (String step : new String[] {"$ vmdisk inspect", "$ vmdisk du", "$ vmdisk holders", "$ vmdisk compact --dry-run",
                "$ vmdisk compact", "$ vmdisk reset"}) {
            assertTrue(r.out().contains(step), step + " missing\n" + r.describe());
        }
        // The sample is an ext4 guest that deleted 160 MiB of files: inspect sees them, compact trims them.
        assertTrue(r.out().contains("ext4 \"rootfs\", 512.0 MiB"), r.describe());
        assertTrue(r.out().contains("160.0 MiB of its free space is still allocated on the host"), r.describe());
        assertTrue(r.out().contains("/sessions/first"), r.describe());
        assertTrue(r.out().contains("trimmed 160.0 MiB of free guest blocks"), r.describe());
        assertTrue(r.out().contains("checksum verified"), r.describe());
        assertEquals(DemoImages.IMAGE_SIZE, Files.size(demo.resolve("rootfs.img")));
        // What the demo made is recognised as the demo's, so a second demo may reuse the folder.
        assertTrue(Files.isRegularFile(demo.resolve(DemoFolder.MARKER)), r.describe());
        DemoFolder.check(demo);
    }

    @Test
    void theGrownSampleIsACleanFileSystemThatCompactsClean() throws IOException {
        Tools.require("e2fsck");
        Path image = DemoImages.write(dir, NativeFsLoader.load());
        Tools.Result grown = Tools.run("e2fsck", "-fn", image.toString());
        assertEquals(0, grown.exitCode(), "the deleted files' bytes must not touch the file system\n" + grown);
        CliRun compact = CliRun.of("compact", image.toString());
        assertEquals(0, compact.exitCode(), compact.describe());
        Tools.Result compacted = Tools.run("e2fsck", "-fn", image.toString());
        assertEquals(0, compacted.exitCode(), compacted.toString());
    }
}
