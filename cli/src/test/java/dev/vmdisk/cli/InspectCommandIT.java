package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandIT {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void reportsSizesExtentsAndZeroBlocksOfARealSparseFile() throws IOException {
        Path img = Fixtures.emptySparse(dir, "disk.img", 6L << 30); // 6 GiB apparent
        byte[] random = new byte[(int) MIB];
        new Random(1).nextBytes(random);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(100 * MIB);
            f.write(random); // 1 MiB of data
            f.seek(3000 * MIB);
            f.write(new byte[(int) (2 * MIB)]); // 2 MiB of allocated zeros
            f.seek((5L << 30) + 5 * MIB);
            f.write(random); // data above 4 GiB
        }
        CliRun r = CliRun.of("inspect", "--json", img.toString());
        assertEquals(0, r.exitCode(), r.describe());
        String json = r.out();
        assertTrue(json.contains("\"apparentBytes\": " + (6L << 30)), json);
        assertTrue(json.contains("\"zeroBytes\": " + 2 * MIB), json);
        assertTrue(json.contains("\"dataExtents\": 3"), json);
        assertTrue(json.contains("\"holes\": 4"), json);
        long allocated = Tools.allocatedBytes(img);
        assertTrue(json.contains("\"allocatedBytes\": " + allocated), "stat says " + allocated + "\n" + json);
        assertTrue(json.contains("\"held\": false"), json);

        CliRun text = CliRun.of("inspect", img.toString());
        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.out().contains("6.0 GiB"), text.out());
        assertTrue(text.out().contains("2.0 MiB allocated but all zeros"), text.out());
    }

    @Test
    void progressGoesToStderrOnlyWhenAskedAndNeverIntoTheJson() throws IOException {
        Path img = Fixtures.emptySparse(dir, "p.img", 64 * MIB);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.write(new byte[(int) (8 * MIB)]);
        }
        CliRun quiet = CliRun.of("inspect", "--json", img.toString());
        assertEquals(0, quiet.exitCode(), quiet.describe());
        assertTrue(quiet.err().lines().allMatch(l -> l.contains("warning:")), "no progress unless asked: " + quiet.err());
        CliRun shown = CliRun.of("inspect", "--json", "--progress", img.toString());
        assertEquals(0, shown.exitCode(), shown.describe());
        assertTrue(shown.err().contains("p.img") && shown.err().contains("MiB"), "a progress bar on stderr: " + shown.err());
        assertEquals(quiet.out().replaceAll("\"seconds\": [0-9.]+", ""), shown.out().replaceAll("\"seconds\": [0-9.]+", ""),
                "the same JSON with or without progress");
    }

    @Test
    void aMissingFileIsBadInput() {
        assertOneLineError(CliRun.of("inspect", dir.resolve("nope.img").toString()), 4, "nope.img: no such file");
    }

    @Test
    void aDirectoryIsBadInput() {
        assertOneLineError(CliRun.of("inspect", dir.toString()), 4, "is a directory");
    }

    @Test
    void anEmptyFileIsBadInput() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.img"));
        assertOneLineError(CliRun.of("inspect", empty.toString()), 4, "empty");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aDeviceIsBadInput() {
        assertOneLineError(CliRun.of("inspect", "/dev/null"), 4, "/dev/null: is a character device, not an image file");
    }

    @Test
    void aTruncatedPartitionTableIsBadInput() throws IOException {
        Path img = Fixtures.copy("gpt-efi-ext4.img", dir);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(5 * MIB); // partition 2 ends at 7 MiB
        }
        assertOneLineError(CliRun.of("inspect", img.toString()), 4, "past the end of the image");
    }

    @Test
    void aPartitionedImageShowsItsPartitionsAndWhatTheyHold() {
        Path img = Fixtures.copy("gpt-efi-ext4.img", dir);
        CliRun r = CliRun.of("inspect", img.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("GPT, 2 partitions"), r.out());
        assertTrue(r.out().contains("label \"gptroot\""), r.out());
        CliRun json = CliRun.of("inspect", "--json", img.toString());
        assertTrue(json.out().contains("\"kind\": \"gpt\""), json.out());
        assertTrue(json.out().contains("\"kind\": \"ext4\""), json.out());
    }

    @Test
    void severalImagesGoOnPastOneThatFails() throws IOException {
        Path good = Fixtures.emptySparse(dir, "good.img", MIB);
        CliRun r = CliRun.of("inspect", dir.resolve("missing.img").toString(), good.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.out().contains("good.img"), r.describe());
    }

    /**
     * An image the user may not read: exit 5. As root, permission checks are bypassed, so the check runs
     * vmdisk in a child JVM without the capabilities that override them (setpriv), on a file mode 000.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void anUnreadableImageIsRefusedByTheEnvironment() throws Exception {
        Path img = Fixtures.emptySparse(dir, "secret.img", MIB);
        Files.setPosixFilePermissions(img, PosixFilePermissions.fromString("---------"));
        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            Tools.require("setpriv");
            cmd.addAll(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "inspect", img.toString()));
        Tools.Result r = Tools.run(cmd);
        assertEquals(5, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("vmdisk: " + img + ": open: Permission denied"), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void assertOneLineError(CliRun r, int code, String fragment) {
        assertEquals(code, r.exitCode(), r.describe());
        assertTrue(r.err().startsWith("vmdisk: "), r.describe());
        assertTrue(r.err().contains(fragment), r.describe());
        assertEquals(1, r.err().lines().count(), r.describe());
        assertEquals("", r.out(), r.describe());
    }
}
