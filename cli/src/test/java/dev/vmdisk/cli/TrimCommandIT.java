package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compact's trim, inspect's file systems and du's partition lookup through {@link Main#run}, on real ext images. */
@EnabledOnOs(OS.LINUX)
class TrimCommandIT {
    @TempDir
    Path dir;

    /** A fixture with deleted files, every block allocated on the host. */
    Path fixture(String name) {
        Path img = Fixtures.copy(name, dir);
        Path full = dir.resolve("full-" + name);
        Tools.run("cp", "--sparse=never", img.toString(), full.toString()).orThrow();
        return full;
    }

    @Test
    void compactTrimsAndReportsJson() {
        Tools.require("e2fsck");
        Path img = fixture("ext4-4k.img");
        CliRun dry = CliRun.of("compact", "--dry-run", img.toString());
        assertEquals(0, dry.exitCode(), dry.describe());
        assertTrue(dry.out().matches("(?s).*would free [0-9.]+ MiB of free guest blocks and [0-9.]+ \\S+ of zero blocks.*"), dry.out());
        assertTrue(dry.out().contains("whole image: ext4"), dry.out());
        CliRun r = CliRun.of("compact", "--json", img.toString());
        assertEquals(0, r.exitCode(), r.describe());
        for (String field : new String[] {"\"trimmedBytes\": ", "\"fileSystems\": [", "\"type\": \"ext4\"", "\"trimAllowed\": true",
                "\"hostAllocatedFreeBytes\": ", "\"offset\": 0", "\"partition\": null", "\"nearlyFull\": false"}) {
            assertTrue(r.out().contains(field), field + " in " + r.out());
        }
        assertTrue(CompactCommandTest.jsonLong(r.out(), "trimmedBytes") > 0, r.out());
        assertEquals(0, Tools.run("e2fsck", "-fn", img.toString()).exitCode());
    }

    @Test
    void uncleanFileSystemExits4NamingTheRemedyAndZerosOnlyStillWorks() throws IOException {
        Tools.require("debugfs");
        Path img = fixture("ext3-1k.img");
        Tools.run("debugfs", "-w", "-R", "ssv state 0", img.toString()).orThrow();
        String sha = sha256(img);
        CliRun r = CliRun.of("compact", img.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertEquals(1, r.err().lines().filter(l -> !l.contains("warning:")).count(), r.err());
        assertTrue(r.err().contains("not cleanly unmounted") && r.err().contains("e2fsck")
                && r.err().contains("--zeros-only"), r.err());
        assertEquals(sha, sha256(img));
        assertEquals(4, CliRun.of("compact", "--dry-run", img.toString()).exitCode());
        CliRun zeros = CliRun.of("compact", "--zeros-only", img.toString());
        assertEquals(0, zeros.exitCode(), zeros.describe());
    }

    /** Issue 17 item 4: a file freed in both bitmaps but still named by its directory. */
    @Test
    void aFileTheBitmapsCallFreeButADirectoryNamesExits4AndInspectSaysWhy() throws IOException {
        Tools.require("debugfs");
        Tools.require("e2fsck");
        Path img = fixture("ext4-4k.img");
        String file = "/home/user/big.bin";
        String blocks = Tools.run("debugfs", "-R", "blocks " + file, img.toString()).orThrow().stdout().trim();
        StringBuilder requests = new StringBuilder();
        for (String b : blocks.split("\\s+")) {
            requests.append("freeb ").append(b).append('\n');
        }
        requests.append("freei ").append(file).append('\n');
        Tools.run("debugfs", "-w", "-f", Files.writeString(dir.resolve("cmds"), requests).toString(), img.toString()).orThrow();
        assertEquals(4, Tools.run("e2fsck", "-fn", img.toString()).exitCode());
        String sha = sha256(img);

        CliRun r = CliRun.of("compact", img.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertEquals(1, r.err().lines().filter(l -> !l.contains("warning:")).count(), r.err());
        assertTrue(r.err().contains("inode bitmap marks inode") && r.err().contains(file + " (inode ")
                && r.err().contains("--zeros-only"), r.err());
        assertEquals(sha, sha256(img));
        assertEquals(4, CliRun.of("compact", "--dry-run", img.toString()).exitCode());

        CliRun text = CliRun.of("inspect", img.toString());
        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.out().contains("; marked clean but inconsistent") && text.out().contains("cannot trim: the ext inode bitmap"),
                text.out());
        assertTrue(!text.out().contains("still allocated on the host"), text.out());
        CliRun json = CliRun.of("inspect", "--json", img.toString());
        assertTrue(json.out().contains("\"trimAllowed\": false") && json.out().contains("\"hostAllocatedFreeBytes\": null"),
                json.out());

        CliRun zeros = CliRun.of("compact", "--zeros-only", img.toString());
        assertEquals(0, zeros.exitCode(), zeros.describe());
        assertEquals(sha, sha256(img), "zero-punching changes no byte");
    }

    @Test
    void anUnknownCompatFeatureExits4NamingItAndZerosOnlyStillWorks() throws IOException {
        Tools.require("debugfs");
        Path img = fixture("ext4-4k.img");
        Tools.run("debugfs", "-w", "-R", "feature FEATURE_C20", img.toString()).orThrow();
        String sha = sha256(img);
        CliRun r = CliRun.of("compact", img.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.err().contains("features vmdisk cannot trim safely (FEATURE_C20)") && r.err().contains("--zeros-only"),
                r.err());
        assertEquals(sha, sha256(img));
        CliRun zeros = CliRun.of("compact", "--zeros-only", img.toString());
        assertEquals(0, zeros.exitCode(), zeros.describe());
        assertEquals(sha, sha256(img));
    }

    @Test
    void inspectListsEachFileSystemOfAPartitionedImage() {
        Path img = fixture("gpt-efi-ext4.img");
        CliRun text = CliRun.of("inspect", img.toString());
        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.out().contains("file systems     partition 2: ext4 \"gptroot\", 4.0 MiB"), text.out());
        assertTrue(text.out().contains("of its free space is still allocated on the host"), text.out());
        CliRun json = CliRun.of("inspect", "--json", img.toString());
        assertTrue(json.out().contains("\"fileSystems\": ["), json.out());
        assertTrue(json.out().contains("\"partition\": 2"), json.out());
        assertTrue(json.out().contains("\"offset\": 3145728"), json.out());
        assertTrue(json.out().contains("\"label\": \"gptroot\""), json.out());
        assertTrue(json.out().contains("\"uuid\": \"0b1e7a55-0000-4000-8000-00000000e4e4\""), json.out());
    }

    @Test
    void inspectSaysPlainlyWhenTheGuestIsFull() throws IOException {
        Tools.require("mke2fs");
        Path src = Files.createDirectories(dir.resolve("src"));
        byte[] data = new byte[15_600 << 10]; // random: mke2fs -d leaves zero blocks out as holes
        new java.util.Random(1).nextBytes(data);
        Files.write(src.resolve("big"), data);
        Path img = dir.resolve("full.img");
        Tools.run("mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", "-N", "64", "-O", "^resize_inode",
                "-d", src.toString(), img.toString(), "16M").orThrow();
        CliRun text = CliRun.of("inspect", img.toString());
        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.out().contains("FULL: ") && text.out().contains("No space left on device"), text.out());
        CliRun json = CliRun.of("inspect", "--json", img.toString());
        assertTrue(json.out().contains("\"nearlyFull\": true"), json.out());
        assertTrue(CompactCommandTest.jsonLong(json.out(), "usedPercent") >= 95, json.out());
    }

    @Test
    void duFindsTheExtPartitionThroughTheTable() {
        Path img = fixture("gpt-efi-ext4.img");
        CliRun auto = CliRun.of("du", img.toString());
        assertEquals(0, auto.exitCode(), auto.describe());
        assertTrue(auto.out().contains("/lost+found"), auto.out());
        assertEquals(auto.out(), CliRun.of("du", "--partition", "2", img.toString()).out());
        assertEquals(auto.out(), CliRun.of("du", "--offset", "3145728", img.toString()).out());
        CliRun efi = CliRun.of("du", "--partition", "1", img.toString());
        assertEquals(4, efi.exitCode());
        assertTrue(efi.err().contains("partition 1 holds FAT"), efi.err());
        CliRun none = CliRun.of("du", "--partition", "7", img.toString());
        assertEquals(4, none.exitCode());
        assertTrue(none.err().contains("its partitions are 1, 2"), none.err());
        assertEquals(2, CliRun.of("du", "--partition", "2", "--offset", "0", img.toString()).exitCode());
    }
}
