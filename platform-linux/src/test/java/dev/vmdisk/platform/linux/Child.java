package dev.vmdisk.platform.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real child process that holds a file for a test. Started, then awaited until it prints a line
 * starting with "ready" on stdout (after it has opened, locked or mapped the file). {@link #close()}
 * kills it and everything it started, and waits until it is gone.
 */
final class Child implements AutoCloseable {
    private final Process process;
    private final Path stderr;

    private Child(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Runs {@code python3 -c script args...}; the script prints "ready" when it holds what it should. */
    static Child python(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        return start(cmd);
    }

    static Child start(List<String> command) {
        try {
            Path err = Files.createTempFile("vmdisk-child", ".err");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            Child child = new Child(p, err);
            child.awaitReady();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The pids of the processes it started (e.g. the command run by the flock utility). */
    List<Long> descendants() {
        return process.descendants().map(ProcessHandle::pid).toList();
    }

    private void awaitReady() {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String got;
        try {
            got = line.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new AssertionError("child did not get ready: " + errors(), e);
        }
        if (got == null || !got.startsWith("ready")) {
            close();
            throw new AssertionError("child said " + got + " instead of ready: " + errors());
        }
    }

    private String errors() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> started = process.descendants().toList();
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("child " + process.pid() + " did not exit");
            }
            for (ProcessHandle h : started) {
                awaitDead(h.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException ignored) {
                // a leftover empty temp file is harmless
            }
        }
    }

    /** Waits until a process that is not our child has exited (gone, or a zombie that holds nothing). */
    private static void awaitDead(long pid) throws InterruptedException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String s;
            try {
                s = Files.readString(stat);
            } catch (IOException e) {
                return; // gone
            }
            if (s.substring(s.lastIndexOf(')') + 1).strip().startsWith("Z")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " did not exit");
    }
}
