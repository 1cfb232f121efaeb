package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * reset on a bundle laid out like the Claude app's: the image's release marker names the base's release
 * afterwards, and every other file of the app (the {@code .zst}, its marker, the kernel files) is byte for
 * byte as it was; a download the app holds open in the bundle stops the reset (exit 3).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "uses the Linux port and /proc for holders")
class BundleMarkersIT {
    static final String OLD_RELEASE = "1111111111111111111111111111111111111111";
    static final String BASE_RELEASE = "2fa5422400000000000000000000000000000abc";

    @TempDir
    Path bundle;
    Path rootfs;
    Path imageMarker;
    Path baseMarker;
    String baseSha;

    @BeforeEach
    void bundle() throws IOException {
        Tools.require("zstd");
        rootfs = Files.move(Fixtures.copy("ext4-4k.img", bundle), bundle.resolve("rootfs.img"));
        Tools.run("zstd", "-q", "-o", bundle.resolve("rootfs.img.zst").toString(), rootfs.toString()).orThrow();
        baseSha = sha256(rootfs);
        try (RandomAccessFile f = new RandomAccessFile(rootfs.toFile(), "rw")) {
            f.seek(1 << 20);
            f.write("grown by the guest".getBytes(StandardCharsets.US_ASCII));
        }
        imageMarker = Files.writeString(bundle.resolve(".rootfs.img.origin"), OLD_RELEASE);
        baseMarker = Files.writeString(bundle.resolve(".rootfs.img.zst.origin"), BASE_RELEASE);
        Files.writeString(bundle.resolve("vmlinuz"), "kernel");
        Files.writeString(bundle.resolve(".vmlinuz.origin"), BASE_RELEASE);
        Files.writeString(bundle.resolve(".cowork-adopted"), "");
    }

    /** Every file in the bundle but the image and its marker, by name, with its SHA-256. */
    private Map<String, String> othersFiles() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (var files = Files.list(bundle)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (!name.equals("rootfs.img") && !name.equals(".rootfs.img.origin")) {
                    m.put(name, sha256(p));
                }
            }
        }
        return m;
    }

    @Test
    void afterResetTheImagesMarkerNamesTheBasesReleaseAndNothingElseChanged() throws IOException {
        Map<String, String> before = othersFiles();
        CliRun r = CliRun.of("reset", bundle.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(baseSha, sha256(rootfs));
        assertEquals(BASE_RELEASE, Files.readString(imageMarker));
        assertEquals(before, othersFiles(), "the base, its marker and the app's other files are untouched");
        assertTrue(r.out().contains("  release marker .rootfs.img.origin now names the base's release \"" + BASE_RELEASE
                + "\" (it named \"" + OLD_RELEASE + "\")"), r.describe());

        // Again: the marker is already true, and says so.
        r = CliRun.of("reset", "--json", bundle.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("\"releaseMarker\": {\n        \"path\": \"" + imageMarker.toRealPath() + "\",\n"
                + "        \"action\": \"unchanged\""), r.describe());
        assertEquals(before, othersFiles());
    }

    @Test
    void withoutABaseMarkerTheImagesIsLeftAndReportSaysSo() throws IOException {
        Files.delete(baseMarker);
        CliRun r = CliRun.of("reset", rootfs.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(OLD_RELEASE, Files.readString(imageMarker));
        assertTrue(r.out().contains("  release marker .rootfs.img.origin left as it was (\"" + OLD_RELEASE
                + "\"): the base has no release marker of its own"), r.describe());
    }

    @Test
    void oneImageResetWritesTheMarkerAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Files.delete(imageMarker); // an image rebuilt once the marker went missing
        CliRun r = CliRun.of("reset", "--json", rootfs.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(BASE_RELEASE, Files.readString(imageMarker));
        assertTrue(r.out().contains("\"action\": \"written\",\n    \"release\": \"" + BASE_RELEASE + "\",\n    \"previous\": null"),
                r.describe());
        try (var files = Files.list(bundle)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("vmdisk")), "no temporary file left");
        }
    }

    @Test
    void aDownloadTheAppHoldsOpenStopsTheResetAStalledOneDoesNot() throws IOException {
        Path partial = Files.writeString(bundle.resolve("rootfs.img.zst.partial"), "half a download");
        String grown = sha256(rootfs);
        try (HolderProcess holder = new HolderProcess(partial)) {
            for (String target : new String[] {bundle.toString(), rootfs.toString()}) {
                CliRun r = CliRun.of("reset", target);
                assertEquals(3, r.exitCode(), r.describe());
                assertTrue(r.err().contains(partial.getFileName() + ": a download into the bundle is in progress (held by sleep (pid "
                        + holder.pid()), r.describe());
                assertEquals(grown, sha256(rootfs));
                assertEquals(OLD_RELEASE, Files.readString(imageMarker));
            }
        }
        CliRun r = CliRun.of("reset", bundle.toString()); // nobody holds it now: a stalled download, no reason to wait
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(baseSha, sha256(rootfs));
        assertEquals("half a download", Files.readString(partial));
    }
}
