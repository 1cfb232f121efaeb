package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.SessionDisk;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --quiet and --progress on the commands that can be long besides compact and reset (du, tmp, prune, status):
 * --quiet leaves stdout empty and stderr for errors only; --progress draws on stderr (stderr is no terminal here,
 * so without it nothing is drawn) and never into the --json document, which still matches its schema
 * ({@link CliRun} checks every --json output); --quiet with --json is a usage error.
 */
@EnabledOnOs(OS.LINUX)
class QuietAndProgressIT {
    @TempDir
    Path dir;

    /** A run whose stdout is one JSON document and whose stderr holds a bar counting {@code unit}. */
    private static void assertJsonAndBar(CliRun r, String unit) {
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("{") && r.out().trim().endsWith("}"), "JSON only on stdout: " + r.describe());
        assertTrue(r.err().contains(unit), "a progress bar on stderr: " + r.describe());
    }

    private static void assertSilent(CliRun r) {
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.out(), r.describe());
        assertEquals("", r.err(), r.describe());
    }

    private static void assertExclusive(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("mutually exclusive"), r.describe());
    }

    @Test
    void du() {
        Path image = Fixtures.copy("ext4-4k.img", dir);
        assertSilent(CliRun.of("du", image.toString(), "--quiet"));
        assertSilent(CliRun.of("du", "-q", image.toString(), "/"));
        CliRun plain = CliRun.of("du", image.toString());
        assertEquals("", plain.err(), "no bar unless stderr is a terminal or --progress: " + plain.describe());
        assertJsonAndBar(CliRun.of("du", image.toString(), "--json", "--progress"), "inodes");
        CliRun text = CliRun.of("du", image.toString(), "--progress");
        assertEquals(plain.out(), text.out(), "the bar never reaches stdout");
        assertTrue(text.err().contains("inodes"), text.describe());
        assertExclusive("du", image.toString(), "--quiet", "--json");
        // --quiet keeps errors: one line and the exit code.
        Path blank = Fixtures.emptySparse(dir, "blank.img", 1 << 20);
        CliRun refused = CliRun.of("du", blank.toString(), "--quiet");
        assertEquals(4, refused.exitCode(), refused.describe());
        assertEquals(1, refused.err().lines().count(), refused.describe());
    }

    @Test
    void tmp() throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("claude-tmp"));
        Path stale = Files.writeString(tmp.resolve("stale.txt"), "old scratch");
        FileTime old = FileTime.from(Instant.now().minus(10, ChronoUnit.DAYS));
        Files.setAttribute(stale, "lastAccessTime", old);
        Files.setLastModifiedTime(stale, old);
        Files.writeString(Files.createDirectories(tmp.resolve("fresh")).resolve("new.txt"), "just now");

        CliRun quiet = CliRun.of("tmp", "--dir", tmp.toString(), "--quiet");
        assertEquals(0, quiet.exitCode(), quiet.describe());
        assertEquals("", quiet.out(), quiet.describe());
        assertJsonAndBar(CliRun.of("tmp", "--dir", tmp.toString(), "--json", "--progress"), "entries");
        assertTrue(Files.exists(stale), "a dry run removes nothing");
        assertExclusive("tmp", "--dir", tmp.toString(), "--quiet", "--json");

        CliRun clean = CliRun.of("tmp", "--dir", tmp.toString(), "--clean", "--quiet");
        assertEquals(0, clean.exitCode(), clean.describe());
        assertEquals("", clean.out(), clean.describe());
        assertFalse(Files.exists(stale), "--quiet silences the report, not the work");
        assertTrue(Files.exists(tmp.resolve("fresh/new.txt")));
    }

    @Test
    void prune() throws IOException {
        long now = System.currentTimeMillis() / 1000;
        SessionDisk disk = SessionDisk.make(dir, "sessiondata.img", now);
        Path copy = dir.resolve("copy.img");
        Tools.run("cp", "--sparse=always", disk.image.toString(), copy.toString()).orThrow();

        assertSilent(CliRun.of("prune", "--quiet", disk.image.toString()));
        assertEquals(0, PruneTrees.fsck(disk.image).exitCode(), PruneTrees.fsck(disk.image).stdout());
        for (String name : disk.stale) {
            assertFalse(PruneTrees.names(disk.image, "/").contains(name), name + " pruned under --quiet");
        }

        CliRun shown = CliRun.of("prune", "--json", "--progress", copy.toString());
        assertJsonAndBar(shown, "phases");
        assertTrue(shown.err().contains("3/3"), "each synced phase is a step: " + shown.describe());
        assertEquals(0, PruneTrees.fsck(copy).exitCode(), PruneTrees.fsck(copy).stdout());
        assertExclusive("prune", "--dry-run", "--quiet", "--json", copy.toString());
    }

    @Test
    void status() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Path image = Fixtures.copy("ext4-4k.img", bundle);
        Files.move(image, bundle.resolve("rootfs.img"));
        CliRun quiet = CliRun.of("status", "--quiet", bundle.toString());
        assertEquals(0, quiet.exitCode(), quiet.describe());
        assertEquals("", quiet.out(), quiet.describe());
        assertEquals("", quiet.err(), "warnings are silenced too: " + quiet.describe());
        assertJsonAndBar(CliRun.of("status", "--json", "--progress", bundle.toString()), "rootfs.img");
        assertExclusive("status", "--quiet", "--json", bundle.toString());
    }
}
