package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A directory, FIFO, socket or device given where an image belongs is refused by every command in one
 * line naming what it is (exit 4), before any open (a FIFO's open would block forever) or holder scan
 * (/dev/null is open in many processes, which is no reason to call it "in use").
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang in open() fails, not blocks, the build
class NotAnImageFileIT {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("inspect"), List.of("inspect", "--json"), List.of("holders"), List.of("compact"),
            List.of("compact", "--dry-run"), List.of("compact", "--zeros-only"), List.of("reset"), List.of("du"));

    @TempDir
    Path dir;

    @Test
    void aFifoIsRefusedByEveryCommandWithoutBlocking() throws IOException {
        Path fifo = dir.resolve("rootfs.img");
        Tools.run("mkfifo", fifo.toString()).orThrow();
        Files.write(dir.resolve("rootfs.img.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        assertRefusedByEveryCommand(fifo, "is a FIFO (named pipe), not an image file");
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "reset must not replace the FIFO");
    }

    @Test
    void devNullIsACharacterDeviceNotAnImageInUse() {
        assertRefusedByEveryCommand(Path.of("/dev/null"), "is a character device, not an image file");
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("disk.img"));
        // Not reset: a directory there is a bundle to reset, and not compact: a directory is a bundle to compact.
        for (List<String> command : List.of(List.of("inspect"), List.of("holders"), List.of("du"))) {
            assertRefused(command, sub, "is a directory, not an image file");
        }
    }

    @Test
    void aSocketIsRefused() throws IOException {
        Path socket = dir.resolve("vm.img");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertRefusedByEveryCommand(socket, "is a socket, not an image file");
        }
    }

    @Test
    void aLinkToAFifoIsRefusedAsTheFifo() throws IOException {
        Path fifo = dir.resolve("pipe");
        Tools.run("mkfifo", fifo.toString()).orThrow();
        Path link = Files.createSymbolicLink(dir.resolve("rootfs.img"), fifo);
        assertRefused(List.of("inspect"), link, "is a FIFO (named pipe), not an image file");
    }

    @Test
    void aSymbolicLinkLoopIsNamedAsOne() throws IOException {
        Path a = dir.resolve("a.img");
        Files.createSymbolicLink(a, dir.resolve("b.img"));
        Files.createSymbolicLink(dir.resolve("b.img"), a);
        assertRefusedByEveryCommand(a, "too many levels of symbolic links");
    }

    @Test
    void amongSeveralImagesTheOthersAreStillDone() throws IOException {
        Path img = Fixtures.copy("ext4-4k.img", dir);
        CliRun r = CliRun.of("holders", "/dev/null", img.toString());
        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.out().contains(img + ": not held by any process"), r.describe());
        assertEquals(List.of("vmdisk: /dev/null: is a character device, not an image file"),
                r.err().lines().filter(l -> !l.startsWith("vmdisk: warning:")).toList(), r.describe());
    }

    private static void assertRefusedByEveryCommand(Path path, String what) {
        for (List<String> command : COMMANDS) {
            assertRefused(command, path, what);
        }
    }

    private static void assertRefused(List<String> command, Path path, String what) {
        String[] args = new String[command.size() + 1];
        command.toArray(args);
        args[command.size()] = path.toString();
        CliRun r = CliRun.of(args);
        String described = String.join(" ", args) + "\n" + r.describe();
        assertEquals(4, r.exitCode(), described);
        assertEquals(1, r.err().lines().count(), described);
        assertTrue(r.err().startsWith("vmdisk: " + path + ": " + what), described);
    }
}
