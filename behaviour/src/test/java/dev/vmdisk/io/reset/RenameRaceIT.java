package dev.vmdisk.io.reset;

import dev.vmdisk.io.compact.LateOpener;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process whose open() reaches the old image at the very moment of reset's rename (it looked the path
 * up just before): the lease on the old inode shows it, and reset puts the old image back under its name,
 * where that process's writes stay. The moment is made exact by opening the old inode through the second
 * name reset keeps for it, right after the rename.
 */
@EnabledOnOs(OS.LINUX)
class RenameRaceIT {
    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    @Test
    void anOpenOfTheOldImageDuringTheRenamePutsTheOldImageBack() throws Exception {
        Tools.require("python3");
        Tools.require("zstd");
        Tools.require("mke2fs");
        for (boolean keepOld : new boolean[] {false, true}) {
            Path img = dir.resolve("rootfs" + keepOld + ".img");
            Tools.run("mke2fs", "-q", "-F", "-t", "ext4", img.toString(), "8M").orThrow();
            Path base = dir.resolve(img.getFileName() + ".zst");
            Tools.run("zstd", "-q", "-f", img.toString(), "-o", base.toString()).orThrow();
            Tools.run("debugfs", "-w", "-R", "mkdir grown", img.toString()).orThrow(); // the image has moved on from its base
            byte[] original = Files.readAllBytes(img);
            List<Long> offsets = List.of(4096L * 100, 4096L * 1000);
            List<LateOpener> started = new ArrayList<>();
            ImageReset reset = new ImageReset(fs);
            Path secondName = keepOld ? ResetLeftovers.kept(img) : ResetLeftovers.oldLink(img);
            reset.afterRename(() -> {
                LateOpener o = LateOpener.start(secondName, offsets);
                started.add(o);
                o.awaitBlocked();
            });
            ExclusivityLostException e = assertThrows(ExclusivityLostException.class,
                    () -> reset.run(new ResetRequest(img, base, keepOld), ResetProgress.NONE));
            assertTrue(e.getMessage().contains("the old image was put back"), e.getMessage());
            started.get(0).awaitWritten();
            byte[] expected = original.clone();
            for (long o : offsets) {
                System.arraycopy(LateOpener.MARKER, 0, expected, (int) o, LateOpener.MARKER.length);
            }
            assertArrayEquals(expected, Files.readAllBytes(img), "the old image, with that process's writes, keepOld " + keepOld);
            assertEquals(false, Files.exists(ResetLeftovers.oldLink(img)));
            assertEquals(false, Files.exists(ResetLeftovers.temporary(img)));
        }
    }
}
