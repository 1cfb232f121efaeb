package dev.vmdisk.io.compact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process that does what a booting VM does to an image vmdisk is working on: it opens it read-write,
 * taking no lock, writes markers and syncs. Started in the middle of a run; {@link #awaitBlocked()}
 * waits until its {@code open()} is held up by vmdisk's write lease (the kernel lists the lease as
 * BREAKING in /proc/locks), so the run's next check is certain to see it.
 */
public final class LateOpener implements AutoCloseable {
    public static final byte[] MARKER = "VMDISK-LATE-OPENER-MARKER".getBytes(StandardCharsets.US_ASCII);
    private static final String WRITER = "import os,sys\n"
            + "fd=os.open(sys.argv[1], os.O_RDWR)\n"
            + "m=sys.argv[2].encode()\n"
            + "for off in sys.argv[3:]:\n"
            + "    os.pwrite(fd, m, int(off))\n"
            + "os.fsync(fd)\n"
            + "print('wrote', flush=True)\n";
    private final Process process;

    private LateOpener(Process process) {
        this.process = process;
    }

    /** Starts the writer of {@link #MARKER} at each offset of {@code image}. */
    public static LateOpener start(Path image, List<Long> offsets) {
        List<String> cmd = new java.util.ArrayList<>(List.of("python3", "-c", WRITER, image.toString(),
                new String(MARKER, StandardCharsets.US_ASCII)));
        offsets.forEach(o -> cmd.add(Long.toString(o)));
        try {
            return new LateOpener(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (5 s at most) until the kernel shows a lease being broken: the writer is blocked in open(). */
    public void awaitBlocked() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readAllLines(Path.of("/proc/locks")).stream().anyMatch(l -> l.contains("LEASE") && l.contains("BREAK"))) {
                    return;
                }
                Thread.sleep(5);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the late opener never blocked on a lease; alive: " + process.isAlive());
    }

    /** Waits for the writer to finish and checks it wrote everything. */
    public void awaitWritten() {
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the late opener did not finish");
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), out);
            assertEquals("wrote\n", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
