package dev.vmdisk.platform.macos;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The OS-neutral parts of the libproc holder scan, on hand-built buffers. */
class MacHoldersTest {

    @Test
    void pidsSkipZerosAndStopAtTheByteCount() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        int[] raw = {1, 0, 4242, 77, 0, 999, 5, 6};
        for (int i = 0; i < raw.length; i++) {
            b.putInt(i * 4, raw[i]);
        }
        assertArrayEquals(new int[] {1, 4242, 77, 999}, MacHolders.pids(b, 24));
        assertArrayEquals(new int[] {1, 4242, 77, 999, 5, 6}, MacHolders.pids(b, 1000));
        assertArrayEquals(new int[0], MacHolders.pids(b, 0));
    }

    @Test
    void holdMatchesOnDeviceAndInodeOnly() {
        FileId target = new FileId(0x1000010, 4711);
        var same = new VnodeFdInfoWithPath(1, 0x1000010, 4711, "/elsewhere/hardlink.img");
        var otherInode = new VnodeFdInfoWithPath(3, 0x1000010, 4712, "/vm/rootfs.img");
        var otherDevice = new VnodeFdInfoWithPath(3, 0x1000011, 4711, "/vm/rootfs.img");
        assertEquals(Optional.of(new Hold(HoldKind.OPEN, "fd 3 (read-only)")), MacHolders.holdOf(3, same, target));
        assertEquals(Optional.empty(), MacHolders.holdOf(3, otherInode, target));
        assertEquals(Optional.empty(), MacHolders.holdOf(3, otherDevice, target));
    }

    @Test
    void virtualizationServiceIsNamedByItsExecutable() {
        String exe = "/System/Library/Frameworks/Virtualization.framework/Versions/A/XPCServices/"
                + "com.apple.Virtualization.VirtualMachine.xpc/Contents/MacOS/com.apple.Virtualization.VirtualMachine";
        Holder h = MacHolders.holder(901, exe, "com.apple.Virtua",
                List.of(new Hold(HoldKind.OPEN, "fd 9 (read-write)"), new Hold(HoldKind.OPEN, "fd 10 (read-write)")));
        assertEquals("com.apple.Virtualization.VirtualMachine", h.name());
        assertEquals(exe, h.command());
        assertEquals(2, h.holds().size());
    }

    @Test
    void shortNameWhenThePathIsUnknown() {
        Holder h = MacHolders.holder(12, "", "qemu-system-aar", List.of(new Hold(HoldKind.OPEN, "fd 5 (read-write)")));
        assertEquals("qemu-system-aar", h.name());
    }
}
