package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vmdisk demo --dir DIR} pointed at a real bundle by mistake must not replace its images: a folder
 * the demo did not make is refused in one line, exit 2, with every file in it as it was.
 */
class DemoFolderTest {

    @TempDir
    Path dir;

    @Test
    void aBundleIsRefusedAndLeftAsItWas() throws IOException {
        Path bundle = dir.resolve("claudevm.bundle");
        Files.createDirectories(bundle);
        write(bundle.resolve("rootfs.img"), 1);
        write(bundle.resolve("rootfs.img.zst"), 2);
        write(bundle.resolve("sessiondata.img"), 3);
        Map<String, byte[]> before = contents(bundle);

        CliRun r = CliRun.of("demo", "--dir", bundle.toString());

        assertEquals(2, r.exitCode(), r.describe());
        assertEquals(1, r.err().lines().count(), r.describe());
        assertTrue(r.err().startsWith("vmdisk: " + bundle + ": holds "), r.describe());
        assertTrue(r.err().contains("nothing was touched"), r.describe());
        assertEquals("", r.out(), r.describe());
        assertSameContents(before, contents(bundle));
    }

    @Test
    void onlyTheImageNamesWithoutTheMarkerAreRefusedToo() throws IOException {
        // Exactly the demo's own names, but not made by the demo: a bundle without its session image.
        write(dir.resolve("rootfs.img"), 4);
        Map<String, byte[]> before = contents(dir);
        CliRun r = CliRun.of("demo", "--dir", dir.toString());
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("was not made by vmdisk demo"), r.describe());
        assertSameContents(before, contents(dir));
    }

    @Test
    void aDemoFolderWithSomethingElseInItIsRefused() throws IOException {
        Files.writeString(dir.resolve(DemoFolder.MARKER), "");
        write(dir.resolve("rootfs.img"), 5);
        write(dir.resolve("notes.txt"), 6);
        Map<String, byte[]> before = contents(dir);
        UsageException e = assertThrows(UsageException.class, () -> DemoFolder.claim(dir));
        assertTrue(e.getMessage().contains("holds notes.txt, which vmdisk demo did not make"), e.getMessage());
        assertSameContents(before, contents(dir));
    }

    @Test
    void aLinkNamedLikeTheImageIsNotTheDemos() throws IOException {
        Path real = dir.resolve("real.img");
        write(real, 7);
        Path demo = Files.createDirectories(dir.resolve("demo"));
        Files.writeString(demo.resolve(DemoFolder.MARKER), "");
        Files.createSymbolicLink(demo.resolve("rootfs.img"), real);
        assertThrows(UsageException.class, () -> DemoFolder.check(demo));
    }

    @Test
    void aFileInsteadOfAFolderIsRefused() throws IOException {
        Path file = dir.resolve("rootfs.img");
        write(file, 8);
        CliRun r = CliRun.of("demo", "--dir", file.toString());
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("not a folder"), r.describe());
    }

    @Test
    void aMissingAnEmptyAndAnEarlierDemosFolderAreUsed() throws IOException {
        assertDoesNotThrow(() -> DemoFolder.check(dir.resolve("new")));
        assertDoesNotThrow(() -> DemoFolder.check(dir));
        DemoFolder.claim(dir);
        write(dir.resolve("rootfs.img"), 9);
        write(dir.resolve("rootfs.img.zst"), 10);
        write(dir.resolve(".rootfs.img.vmdisk-reset.tmp"), 11);
        assertDoesNotThrow(() -> DemoFolder.check(dir));
    }

    private static void write(Path file, int seed) throws IOException {
        byte[] bytes = new byte[4096];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
    }

    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                files.put(p.getFileName().toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
            }
        }
        return files;
    }

    private static void assertSameContents(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)), name + " changed"));
    }
}
