package dev.vmdisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screens of inspect, du and status, whole, against golden files: without pictures (stdout not a terminal, the
 * default in every script) byte for byte as before bars existed; with {@code --color=always} the bars. The images
 * are testdata fixtures, one written sparse (only blocks that are not all zeros), one dense, on a host file system
 * of 4 KiB blocks.
 */
class ScreensIT {
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    private String screen(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.describe());
        return r.out().replace(dir.toString(), "DIR");
    }

    /** A sparse copy (holes where the fixture has zeros) and a dense one (every zero block allocated, as a grown image has). */
    private List<String> images() throws IOException {
        Path dense = dir.resolve("grown.img");
        try (InputStream in = new GZIPInputStream(Fixtures.class.getResourceAsStream("/fixtures/ext4-4k.img.gz"))) {
            Files.copy(in, dense, StandardCopyOption.REPLACE_EXISTING);
        }
        return List.of(Fixtures.copy("gpt-efi-ext4.img", dir).toString(), dense.toString());
    }

    private String[] args(List<String> head, List<String> images) {
        List<String> all = new ArrayList<>(head);
        all.addAll(images);
        return all.toArray(String[]::new);
    }

    @Test
    void inspectWithoutPicturesIsTheTextItAlwaysWas() throws IOException {
        String plain = screen(args(List.of("inspect"), images()));
        assertFalse(plain.contains(ESC) || plain.contains("│"), plain);
        Screens.assertScreen("inspect.txt", plain);
        assertEquals(plain, screen(args(List.of("inspect", "--color=never"), images())));
    }

    @Test
    void inspectDrawsWhatTheAllocationIsMadeOf() throws IOException {
        Screens.assertScreen("inspect-bars.txt", screen(args(List.of("inspect", "--color=always"), images())));
    }

    @Test
    void duWithAndWithoutBars() {
        String image = Fixtures.copy("ext4-4k.img", dir).toString();
        Screens.assertScreen("du.txt", screen("du", image));
        Screens.assertScreen("du-bars.txt", screen("du", "--color=always", "--depth", "-1", image));
    }

    @Test
    void thePictureSplitsTheAllocationAsCompactWouldFreeIt() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String image : images()) {
            JsonNode ins = json.readTree(CliRun.of("inspect", "--json", image).out()).get("images").get(0);
            JsonNode dry = json.readTree(CliRun.of("compact", "--dry-run", "--json", image).out()).get("images").get(0);
            long guestFree = 0;
            for (JsonNode fs : ins.get("fileSystems")) {
                guestFree += fs.get("hostAllocatedFreeBytes").asLong();
            }
            AllocationPicture p = new AllocationPicture(ins.get("apparentBytes").asLong(), ins.get("allocatedBytes").asLong(),
                    guestFree, ins.get("zeroBytes").asLong(), ins.get("zeroFreeBytes").asLong());
            assertEquals(dry.get("trimmedBytes").asLong(), p.freeSegment(), image);
            assertEquals(dry.get("zeroBytes").asLong(), p.zeroSegment(), image);

            CliRun compact = CliRun.of("compact", "--json", image);
            JsonNode done = json.readTree(compact.out()).get("images").get(0);
            assertEquals(done.get("allocatedBytesAfter").asLong(), Tools.allocatedBytes(Path.of(image)));
            assertTrue(Math.abs(done.get("allocatedBytesAfter").asLong() - p.dataSegment()) <= 4096 * 4,
                    image + ": the data segment is what compact leaves: " + p.dataSegment() + " vs " + done);
        }
    }

    /**
     * status of a bundle of the two images (named as the app names its disks), without and with pictures; the
     * host volume's line, which follows whatever else the machine writes, is left out.
     */
    @Test
    void statusWithAndWithoutBars() throws IOException {
        Path bundle = Files.createDirectory(dir.resolve("claudevm.bundle"));
        List<String> images = images();
        Files.move(Path.of(images.get(0)), bundle.resolve("rootfs.img"));
        Files.move(Path.of(images.get(1)), bundle.resolve("sessiondata.img"));
        String plain = withoutVolume(screen("status", bundle.toString()));
        assertFalse(plain.contains("│"), plain);
        Screens.assertScreen("status.txt", plain);
        String bars = withoutVolume(screen("status", "--color=always", bundle.toString()));
        Screens.assertScreen("status-bars.txt", bars);
    }

    private static String withoutVolume(String screen) {
        return screen.lines().filter(l -> !l.contains("host volume ")).map(l -> l + "\n").collect(Collectors.joining());
    }

    /** A real terminal (a pty from script(1)) draws the bars unasked; NO_COLOR there gives the plain screen. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void onATerminalBarsAreDrawnUnlessNoColorIsSet() {
        Tools.require("script");
        String image = Fixtures.copy("ext4-4k.img", dir).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -jar " + GeneratedDocsIT.TARGET.resolve("vmdisk.jar") + " du " + image + " 2>/dev/null";
        Tools.Result tty = Tools.run("env", "-u", "NO_COLOR", "script", "-qec", command, "/dev/null");
        assertEquals(0, tty.exitCode(), tty.stderr());
        assertTrue(tty.stdout().contains("│"), "bars on a terminal: " + tty.stdout());
        Tools.Result noColor = Tools.run("env", "NO_COLOR=1", "script", "-qec", command, "/dev/null");
        assertEquals(0, noColor.exitCode(), noColor.stderr());
        assertEquals(Screens.expected("du.txt"), noColor.stdout().replace("\r\n", "\n").replace(dir.toString(), "DIR"));
    }
}
