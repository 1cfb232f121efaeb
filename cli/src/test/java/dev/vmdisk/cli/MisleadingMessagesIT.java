package dev.vmdisk.cli;

import dev.vmdisk.testdata.Checksums;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refusals that named the wrong cause: each must say what is really the matter, in one line. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "chattr, sfdisk and mke2fs -E offset")
class MisleadingMessagesIT {

    @TempDir
    Path dir;

    /** Not "mounted read-only, or it belongs to another user": the file is immutable, even to root. */
    @Test
    void anImmutableImageIsNamedAsImmutable() throws IOException {
        Tools.require("chattr");
        Tools.require("zstd");
        Path img = Fixtures.copy("ext4-4k.img", dir);
        Tools.run("zstd", "-q", "-o", img + ".zst", img.toString()).orThrow();
        Tools.Result set = Tools.run("chattr", "+i", img.toString());
        Assumptions.assumeTrue(set.exitCode() == 0, "chattr +i does not work here (" + set.stderr().strip() + "); skipping");
        try {
            String before = Checksums.sha256(img);
            for (String command : new String[] {"compact", "reset"}) {
                CliRun r = CliRun.of(command, img.toString());
                assertEquals(5, r.exitCode(), command + "\n" + r.describe());
                assertEquals(1, r.err().lines().count(), command + "\n" + r.describe());
                assertTrue(r.err().contains(img + ": the file is immutable (chattr +i)"), command + "\n" + r.describe());
                assertTrue(r.err().contains("chattr -i"), r.describe());
                assertFalse(r.err().contains("read-only"), r.describe());
            }
            // In a bundle too: the image fails alone, named as immutable.
            CliRun bundle = CliRun.of("reset", dir.toString());
            assertEquals(5, bundle.exitCode(), bundle.describe());
            assertTrue(bundle.err().contains(img + ": the file is immutable (chattr +i)"), bundle.describe());
            assertEquals(before, Checksums.sha256(img));
            // A dry run changes nothing, so the flag is no reason to refuse it.
            assertEquals(0, CliRun.of("compact", "--dry-run", img.toString()).exitCode());
        } finally {
            Tools.run("chattr", "-i", img.toString());
        }
    }

    /** Not "truncated": the image is whole, the partition table gives the file system too little room. */
    @Test
    void aFileSystemLargerThanItsPartitionBlamesThePartitionTable() {
        Tools.require("sfdisk");
        Tools.require("mke2fs");
        Path img = dir.resolve("disk.img");
        Tools.run("truncate", "-s", "64M", img.toString()).orThrow();
        Tools.run("sh", "-c", "printf 'label: dos\\nstart=2048, size=65536, type=83\\n' | sfdisk -q \"$0\"", img.toString()).orThrow();
        Tools.run("mke2fs", "-q", "-t", "ext4", "-E", "offset=1048576", img.toString(), "32M").orThrow();
        Tools.run("sh", "-c", "printf 'label: dos\\nstart=2048, size=32768, type=83\\n' | sfdisk -q \"$0\"", img.toString()).orThrow();

        CliRun du = CliRun.of("du", img.toString());
        assertEquals(4, du.exitCode(), du.describe());
        assertTrue(du.err().contains("the ext file system claims 32768 blocks of 1024 bytes (33554432 bytes), more than the"
                + " 16777216 bytes of its partition: the partition table makes the partition too small"), du.describe());
        assertFalse(du.err().contains("truncated"), du.describe());

        CliRun inspect = CliRun.of("inspect", img.toString());
        assertTrue(inspect.out().contains("cannot trim: the ext file system claims"), inspect.describe());
        assertFalse(inspect.out().contains("truncated"), inspect.describe());
    }
}
