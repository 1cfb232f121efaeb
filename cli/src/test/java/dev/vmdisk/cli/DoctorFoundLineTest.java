package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.Reclaim;
import dev.vmdisk.io.bundle.VolumeUsage;
import dev.vmdisk.io.content.ContentKind;
import dev.vmdisk.io.doctor.Found;
import dev.vmdisk.io.guest.GuestFs;
import dev.vmdisk.io.guest.GuestFsReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The line for each kind of doctor finding, pinned: the core's checks hand over figures (DoctorBundleIT runs them
 * on a real bundle), and this is the one place that words them, as doctor printed them before the figures moved.
 */
class DoctorFoundLineTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private static GuestFsReport ext4(int partition, long size, long used) {
        return new GuestFsReport(new GuestFs(partition, 0, size, ContentKind.EXT4), "", "", size, used, size - used,
                "clean", true, "clean", 0);
    }

    @Test
    void hostVolume() {
        assertEquals("/dev/sda1: 91% used, 9.0 GiB available of 100.0 GiB",
                DoctorFoundLine.of(new Found.HostVolume(new VolumeUsage("/dev/sda1", 100 * GIB, 90 * GIB + 1, 9 * GIB))));
    }

    @Test
    void guestSpaceNamesThePartitionTheWholeImageOrTheVirtualDisk() {
        Reclaim known = new Reclaim(256 * MIB, 200 * MIB, 56 * MIB, Reclaim.COMPACT, "");
        assertEquals("partition 1: 25% used, 3.0 GiB free; 256.0 MiB reclaimable on the host by vmdisk compact (clean)",
                DoctorFoundLine.of(new Found.GuestSpace(ext4(1, 4 * GIB, GIB), false, known)));
        assertEquals("whole image: 50% used, 2.0 MiB free; 256.0 MiB reclaimable on the host by vmdisk compact (clean)",
                DoctorFoundLine.of(new Found.GuestSpace(ext4(0, 4 * MIB, 2 * MIB), false, known)));
        assertEquals("virtual disk: 50% used, 2.0 MiB free; reclaimable on the host unknown (held by pid 7) (clean)",
                DoctorFoundLine.of(new Found.GuestSpace(ext4(0, 4 * MIB, 2 * MIB), true,
                        new Reclaim(-1, 0, 0, "", "held by pid 7"))));
    }

    @Test
    void anImageWithNoGuestFileSystem() {
        assertEquals("2.0 MiB allocated; 2.0 MiB reclaimable on the host by vmdisk compact --zeros-only (no ext2/3/4 file system read)",
                DoctorFoundLine.of(new Found.NoGuestFs(2 * MIB, new Reclaim(2 * MIB, 0, 2 * MIB, Reclaim.ZEROS_ONLY, ""))));
    }

    @Test
    void aLineWithNoFigureIsShownAsItIs() {
        assertEquals("created and bound /tmp/x.sock", DoctorFoundLine.of(new Found.Text("created and bound /tmp/x.sock")));
    }
}
