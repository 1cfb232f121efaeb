package dev.vmdisk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real process holding a file open for reading (sh, then sleep), as a running VM holds its image. Killed on close. */
final class HolderProcess implements AutoCloseable {
    private final Process process;

    HolderProcess(Path file) throws IOException {
        process = new ProcessBuilder("sh", "-c", "exec 3<\"$0\"; echo ready; exec sleep 60", file.toString())
                .redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            close();
            throw new IOException("holder of " + file + " did not start: " + line);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
