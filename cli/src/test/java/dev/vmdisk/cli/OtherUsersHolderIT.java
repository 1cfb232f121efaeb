package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vmdisk run as an ordinary user (nobody) while a process of another user (root, as runsc-gofer or qemu
 * would be) holds the image: it cannot see that process, so it must refuse, never report "not held" and
 * compact (the hostile test of issue 17, item 2). Runs the real jar as nobody; needs root to set that up.
 */
@EnabledOnOs(OS.LINUX)
class OtherUsersHolderIT {
    static final int NOBODY = 65534;
    Path dir;
    Path image;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run vmdisk as another user");
        Tools.require("setpriv");
        dir = Files.createTempDirectory("vmdisk-other-user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(dir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        image = dir.resolve("rootfs.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(4 << 20);
            byte[] data = new byte[64 << 10];
            java.util.Arrays.fill(data, (byte) 7);
            f.write(data); // 64 KiB of data, then 4 MiB of allocated zeros for compact to punch
            f.write(new byte[(4 << 20) - data.length]);
        }
        Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rw-rw-rw-"));
        // The build's jar may sit where nobody cannot read (a clone under /root): run a copy.
        Files.copy(GeneratedDocsIT.TARGET.resolve("vmdisk.jar"), dir.resolve("vmdisk.jar"));
        Files.setPosixFilePermissions(dir.resolve("vmdisk.jar"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterEach
    void tearDown() throws IOException {
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    Tools.Result asNobody(String... args) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-Djna.tmpdir=" + dir.resolve("tmp"),
                "-jar", dir.resolve("vmdisk.jar").toString()));
        cmd.addAll(List.of(args));
        return Tools.run(cmd.toArray(String[]::new));
    }

    @Test
    void aRootHolderOfARootImageMakesAnUnprivilegedCompactAndHoldersRefuse() throws Exception {
        String sha = sha256(image);
        try (HolderProcess root = new HolderProcess(image)) {
            Tools.Result compact = asNobody("compact", "--zeros-only", image.toString());
            assertEquals(3, compact.exitCode(), compact.stdout() + compact.stderr());
            assertTrue(compact.stderr().contains("cannot prove that no process holds it"), compact.stderr());
            assertTrue(compact.stderr().contains("sudo"), compact.stderr());
            assertEquals(sha, sha256(image));

            Tools.Result holders = asNobody("holders", image.toString());
            assertEquals(3, holders.exitCode(), holders.stdout() + holders.stderr());
            assertTrue(holders.stdout().contains("cannot rule out a holder"), holders.stdout());
        }
    }

    @Test
    void aRootHolderOfAnImageTheUserOwnsIsFoundByTheKernelsLease() throws Exception {
        Files.setAttribute(image, "unix:uid", NOBODY);
        String sha = sha256(image);
        try (HolderProcess root = new HolderProcess(image)) {
            Tools.Result compact = asNobody("compact", "--zeros-only", image.toString());
            assertEquals(3, compact.exitCode(), compact.stdout() + compact.stderr());
            assertTrue(compact.stderr().contains("in use by a process vmdisk cannot see"), compact.stderr());
            assertEquals(sha, sha256(image));

            Tools.Result holders = asNobody("holders", image.toString());
            assertEquals(3, holders.exitCode(), holders.stdout() + holders.stderr());
            assertTrue(holders.stdout().contains("held by a process vmdisk cannot see"), holders.stdout());
        }
        // Once the other user's process is gone, the owner's compact proves it with the lease and goes ahead.
        Tools.Result compact = asNobody("compact", "--zeros-only", image.toString());
        assertEquals(0, compact.exitCode(), compact.stdout() + compact.stderr());
        Tools.Result holders = asNobody("holders", image.toString());
        assertEquals(0, holders.exitCode(), holders.stdout() + holders.stderr());
    }
}
