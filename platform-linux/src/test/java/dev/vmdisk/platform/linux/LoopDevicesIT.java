package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.LoopDevice;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An image attached to a real loop device (losetup, root) is held by the kernel, found by inode. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux loop devices")
class LoopDevicesIT {
    private final LinuxLibc libc = LinuxLibc.INSTANCE;
    private final LinuxNativeFs fs = new LinuxNativeFs(libc);

    @TempDir
    Path dir;

    @Test
    void anAttachedImageIsHeldByTheKernelAndFreeAgainOnceDetached() {
        Path img = Fixtures.emptySparse(dir, "disk.img", 1 << 20);
        try (LoopDevice loop = LoopDevice.attach(img)) {
            String device = loop.device();
            HolderReport r = fs.holders(img);
            assertTrue(r.held(), r::summary);
            Holder h = r.holders().get(r.holders().size() - 1);
            assertEquals(0, h.pid());
            assertEquals(HoldKind.LOOP_DEVICE, h.holds().get(0).kind());
            assertEquals(device, h.holds().get(0).detail());
            assertEquals("held by kernel loop device (" + device + ")", r.summary());
        }
        assertFalse(fs.holders(img).held(), () -> fs.holders(img).summary());
    }

    @Test
    void theKernelsDeviceAndInodeAreWhatLosetupShows() {
        Path img = Fixtures.emptySparse(dir, "disk.img", 1 << 20);
        try (LoopDevice loop = LoopDevice.attach(img)) {
            // losetup reads them with the same ioctl: BACK-MAJ:MIN in decimal, BACK-INO.
            String[] cols = Tools.run("losetup", "--list", "--noheadings", "--output", "BACK-MAJ:MIN,BACK-INO", loop.device())
                    .orThrow().stdout().strip().split("\\s+");
            String[] majMin = cols[0].split(":");
            FileId expected = new FileId(LinuxDev.encode(Long.parseLong(majMin[0]), Long.parseLong(majMin[1])),
                    Long.parseLong(cols[1]));
            assertEquals(Statx.of(libc, img).id(), expected, "losetup and statx agree on the backing file");
            List<Holder> found = new LoopDevices(libc).holding(expected);
            assertEquals(1, found.size(), found::toString);
        }
    }

    @Test
    @SuppressWarnings("try") // the attached device is only there to be found
    void withoutTheDeviceNodeTheBackingPathIsResolvedInstead() throws Exception {
        Path img = Fixtures.emptySparse(dir, "disk.img", 1 << 20);
        try (LoopDevice loop = LoopDevice.attach(img)) {
            Path noDev = Files.createDirectory(dir.resolve("no-dev")); // as for a user who cannot open /dev/loopN
            LoopDevices byPath = new LoopDevices(libc, Path.of("/sys/block"), noDev);
            assertEquals(1, byPath.holding(Statx.of(libc, img).id()).size());
            Path other = Fixtures.emptySparse(dir, "other.img", 1 << 20);
            assertEquals(List.of(), byPath.holding(Statx.of(libc, other).id()));
        }
    }

    @Test
    @SuppressWarnings("try") // the attached device is only there not to be found
    void anotherFileOnALoopDeviceDoesNotHoldThisOne() {
        Path img = Fixtures.emptySparse(dir, "disk.img", 1 << 20);
        try (LoopDevice loop = LoopDevice.attach(Fixtures.emptySparse(dir, "attached.img", 1 << 20))) {
            assertFalse(fs.holders(img).held(), () -> fs.holders(img).summary());
        }
    }
}
