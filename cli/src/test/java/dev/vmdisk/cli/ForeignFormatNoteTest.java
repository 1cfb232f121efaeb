package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.Reclaim;
import dev.vmdisk.io.content.ContentKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The note for an image in another program's format, pinned: the core hands over the format only (ForeignImageCompactIT
 * compacts real qemu-img images and checks their bytes), and this is the one place that words it.
 */
class ForeignFormatNoteTest {
    @Test
    void theLineCompactPrints() {
        assertEquals("a qcow2 image: the guest inside was not read (its layout is the format's), so compact only punches"
                        + " blocks that are already all zeros and every byte of the file reads as before; to give back the"
                        + " guest's free space use qemu-img (qemu-img convert -O qcow2 rewrites it without its free clusters)",
                ForeignFormatNote.of(ContentKind.QCOW2));
    }

    @Test
    void eachFormatNamesTheToolThatOwnsIt() {
        assertEquals("qemu-img, or Hyper-V's Optimize-VHD on Windows", ForeignFormatNote.owningTool(ContentKind.VHDX));
        assertEquals("qemu-img, or Hyper-V's Optimize-VHD on Windows", ForeignFormatNote.owningTool(ContentKind.VHD));
        assertEquals("qemu-img, or VMware's vmware-vdiskmanager -k", ForeignFormatNote.owningTool(ContentKind.VMDK));
        assertEquals("VBoxManage (VBoxManage modifymedium --compact)", ForeignFormatNote.owningTool(ContentKind.VDI));
        assertEquals("hdiutil on macOS (hdiutil compact, hdiutil convert)", ForeignFormatNote.owningTool(ContentKind.UDIF));
        assertEquals("hdiutil on macOS (hdiutil compact, hdiutil convert)", ForeignFormatNote.owningTool(ContentKind.SPARSEIMAGE));
        assertThrows(IllegalArgumentException.class, () -> ForeignFormatNote.owningTool(ContentKind.EXT4));
    }

    @Test
    void aReclaimFigureShowsItsOwnNoteUnlessTheImageIsForeign() {
        assertEquals("held by pid 7", ForeignFormatNote.of(new Reclaim(-1, 0, 0, "", "held by pid 7")));
        assertEquals("", ForeignFormatNote.of(new Reclaim(5, 0, 5, Reclaim.COMPACT, "")));
        assertEquals(ForeignFormatNote.of(ContentKind.VDI),
                ForeignFormatNote.of(new Reclaim(5, 0, 5, Reclaim.COMPACT, "", ContentKind.VDI)));
    }
}
