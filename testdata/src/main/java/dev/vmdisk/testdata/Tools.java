package dev.vmdisk.testdata;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the public tools tests compare against (mke2fs, debugfs, e2fsck, zstd, filefrag, fallocate). */
public final class Tools {
    private Tools() {
    }

    /** Whether {@code tool} is on the PATH (or in /sbin, /usr/sbin, where Debian keeps e2fsprogs). */
    public static boolean available(String tool) {
        return find(tool) != null;
    }

    /**
     * Skips the calling test when {@code tool} is missing on a developer's machine or on a non-Linux CI
     * runner, but fails it in Linux CI (environment variable {@code CI} set), where .ci/run installs every
     * tool: a test must not pass there by not running.
     */
    public static void require(String tool) {
        boolean present = available(tool);
        boolean linux = System.getProperty("os.name", "").startsWith("Linux");
        if (!present && linux && System.getenv("CI") != null) {
            throw new AssertionError(tool + " is not installed, and .ci/run should have installed it");
        }
        Assumptions.assumeTrue(present, tool + " is not installed; skipping (CI installs it)");
    }

    /** The result of {@link #run}. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result orThrow() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + ": " + stderr + stdout);
            }
            return this;
        }
    }

    /** Runs a command to completion (at most 5 minutes) and captures its output. */
    public static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("vmdisk-tool", ".out");
            Path err = Files.createTempFile("vmdisk-tool", ".err");
            try {
                List<String> cmd = new java.util.ArrayList<>(command);
                String found = find(cmd.get(0));
                if (found != null) {
                    cmd.set(0, found);
                }
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static Result run(String... command) {
        return run(List.of(command));
    }

    /**
     * Bytes the file system allocated for {@code file}, as {@code stat} reports its 512-byte blocks
     * (GNU {@code stat -c %b} on Linux, BSD {@code stat -f %b} on macOS): the independent witness
     * tests compare vmdisk's own figure with.
     */
    public static long allocatedBytes(Path file) {
        boolean gnu = System.getProperty("os.name", "").startsWith("Linux");
        Result r = run("stat", gnu ? "-c" : "-f", "%b", file.toString()).orThrow();
        return Long.parseLong(r.stdout().trim()) * 512;
    }

    private static String find(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool)) ? tool : null;
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return null;
    }
}
