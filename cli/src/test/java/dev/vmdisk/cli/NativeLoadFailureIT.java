package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zstd-jni unpacks its native library into java.io.tmpdir on first use; where that directory is missing
 * (or not writable, or noexec) the load fails with an ExceptionInInitializerError. That is the
 * environment's doing: one line with the remedy and exit 5, the image untouched, no temporary file left.
 * Before, it was a stack trace and exit 1.
 */
class NativeLoadFailureIT {
    @TempDir
    Path dir;

    @Test
    void aNativeLibraryThatCannotBeUnpackedIsOneLineAndExitFive() throws Exception {
        Tools.require("zstd");
        Path image = Fixtures.copy("ext4-4k.img", dir);
        Path base = dir.resolve("ext4-4k.img.zst");
        Tools.run("zstd", "-q", image.toString(), "-o", base.toString()).orThrow();
        Tools.run("debugfs", "-w", "-R", "mkdir grown", image.toString()).orThrow();
        String sha = sha256(image);
        Tools.Result r = Tools.run(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir.resolve("no-such-dir"), "-jar", GeneratedDocsIT.TARGET.resolve("vmdisk.jar").toString(),
                "reset", image.toString());
        assertEquals(5, r.exitCode(), r.stdout() + r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("vmdisk: cannot load a native library: "), r.stderr());
        assertTrue(r.stderr().contains("java.io.tmpdir"), r.stderr());
        assertEquals(sha, sha256(image));
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
        }
    }
}
