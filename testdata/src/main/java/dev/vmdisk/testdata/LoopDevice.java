package dev.vmdisk.testdata;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * A real loop device backed by a file ({@code losetup}), detached on close. Attaching needs root and a
 * free loop device; where either is missing the calling test is skipped with the reason.
 */
public final class LoopDevice implements AutoCloseable {
    private final String device;
    private boolean attached = true;

    private LoopDevice(String device) {
        this.device = device;
    }

    /** Attaches {@code file} to a free loop device, or skips the test. */
    public static LoopDevice attach(Path file) {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "attaching a loop device needs root");
        Tools.require("losetup");
        Tools.Result r = Tools.run("losetup", "--find", "--show", file.toString());
        Assumptions.assumeTrue(r.exitCode() == 0, () -> "no loop device here: " + r.stderr().strip());
        return new LoopDevice(r.stdout().strip());
    }

    /** The device node, e.g. {@code /dev/loop0}. */
    public String device() {
        return device;
    }

    @Override
    public void close() {
        if (attached) {
            attached = false;
            Tools.run("losetup", "--detach", device).orThrow();
        }
    }
}
