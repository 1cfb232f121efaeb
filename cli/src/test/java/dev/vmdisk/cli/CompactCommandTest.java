package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vmdisk compact} end to end through {@link Main#run}, on real files, with real second processes. Linux only. */
@EnabledOnOs(OS.LINUX)
class CompactCommandTest {
    static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        CliRun.checkJson(out.toString(), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** 8 MiB: random, 3 MiB of written zeros, random; returns its bytes. */
    byte[] image(Path p) throws IOException {
        byte[] bytes = new byte[8 * MIB];
        new Random(1).nextBytes(bytes);
        Arrays.fill(bytes, 2 * MIB, 5 * MIB, (byte) 0);
        Files.write(p, bytes);
        return bytes;
    }

    static long jsonLong(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (-?\\d+)").matcher(json);
        assertTrue(m.find(), key + " missing in " + json);
        return Long.parseLong(m.group(1));
    }

    @Test
    void compactsAndReportsJson() throws IOException {
        Path p = dir.resolve("rootfs.img");
        byte[] bytes = image(p);
        Run r = run("compact", "--json", p.toString());
        assertEquals(0, r.exit(), r.err());
        // No progress when stderr is not a terminal; only warnings may appear (e.g. a process even root
        // cannot inspect, as a sandbox's init can be).
        assertTrue(r.err().lines().allMatch(l -> l.contains("warning:")), "only warnings on stderr: " + r.err());
        assertEquals(8L * MIB, jsonLong(r.out(), "allocatedBytesBefore"));
        assertEquals(5L * MIB, jsonLong(r.out(), "allocatedBytesAfter"));
        assertEquals(3L * MIB, jsonLong(r.out(), "punchedBytes"));
        assertTrue(r.out().contains("\"seconds\": "), r.out());
        assertArrayEquals(bytes, Files.readAllBytes(p));
    }

    @Test
    void dryRunSaysWhatWouldBeFreedAndChangesNothing() throws IOException {
        Path p = dir.resolve("rootfs.img");
        image(p);
        Run r = run("compact", "--dry-run", "--zeros-only", p.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("would free 3.0 MiB"), r.out());
        Run again = run("compact", "--json", p.toString());
        assertEquals(8L * MIB, jsonLong(again.out(), "allocatedBytesBefore"));
    }

    @Test
    void progressOnlyWhenAsked() throws IOException {
        Path p = dir.resolve("rootfs.img");
        image(p);
        Run r = run("compact", "--progress", p.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("MiB"), r.err());
        assertTrue(r.out().startsWith(p + ": punched 3.0 MiB"), r.out());
    }

    @Test
    void readOnlyFileExits5WithOneLine() throws IOException {
        Path p = dir.resolve("rootfs.img");
        byte[] bytes = image(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        Run r = run("compact", p.toString());
        assertEquals(5, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("vmdisk: " + p + ": "), r.err());
        assertArrayEquals(bytes, Files.readAllBytes(p));
    }

    @Test
    void anEmptyFileIsBadInputWithOrWithoutTrim() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.img"));
        for (String[] args : new String[][] {{"compact", empty.toString()}, {"compact", "--zeros-only", empty.toString()}}) {
            Run r = run(args);
            assertEquals(4, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("the file is empty (0 bytes), not a disk image"), r.err());
        }
    }

    @Test
    void missingFileExits4() {
        Run r = run("compact", dir.resolve("nope.img").toString());
        assertEquals(4, r.exit(), r.err());
    }

    @Test
    void imageLockedByAnotherProcessExits3AndIsLeftAlone() throws Exception {
        Tools.require("python3");
        Path p = dir.resolve("rootfs.img");
        byte[] bytes = image(p);
        Process holder = new ProcessBuilder("python3", "-c",
                "import fcntl,sys,time\n"
                        + "f=open(sys.argv[1],'r+b'); fcntl.flock(f, fcntl.LOCK_EX)\n"
                        + "print('locked', flush=True); time.sleep(60)", p.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", lines.readLine());
            Run r = run("compact", p.toString());
            assertEquals(3, r.exit(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("pid " + holder.pid()) || r.err().contains("lock"), r.err());
            assertArrayEquals(bytes, Files.readAllBytes(p));
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
                assertEquals(8L * MIB, f.length());
            }
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void severalImagesGoOnAfterOneFails() throws IOException {
        Path a = dir.resolve("a.img");
        Path b = dir.resolve("b.img");
        image(a);
        image(b);
        Run r = run("compact", a.toString(), dir.resolve("missing.img").toString(), b.toString());
        assertEquals(4, r.exit());
        assertEquals(2, r.out().lines().count(), r.out());
        assertTrue(r.err().contains("missing.img"), r.err());
    }
}
