package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.BundleEntry;
import dev.vmdisk.io.bundle.BundleFileKind;
import dev.vmdisk.io.nativefs.HolderReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The words status prints after each kind of bundle file, as the core built them before it carried names only. */
class BundleEntryDetailTest {
    private static BundleEntry entry(String name, BundleFileKind kind, String belongsTo, HolderReport holders, String unreadable) {
        return new BundleEntry(Path.of("b", name), kind, 1, 1, belongsTo, holders, unreadable);
    }

    @Test
    void eachKindIsWordedAsBefore() {
        assertEquals("of rootfs.img", BundleEntryDetail.of(entry("rootfs.img.zst", BundleFileKind.BASE, "rootfs.img", null, null)));
        assertEquals("of rootfs.img", BundleEntryDetail.of(entry(".rootfs.img.origin", BundleFileKind.RELEASE_MARKER, "rootfs.img", null, null)));
        assertEquals("of vmlinuz", BundleEntryDetail.of(entry("vmlinuz.zst", BundleFileKind.KERNEL_FILE_BASE, "vmlinuz", null, null)));
        assertEquals("of rootfs.img", BundleEntryDetail.of(entry("rootfs.img.old", BundleFileKind.KEPT_OLD_IMAGE, "rootfs.img", null, null)));
        assertEquals("vmdisk reset rootfs.img removes it", BundleEntryDetail.of(
                entry(".rootfs.img.vmdisk-reset.tmp", BundleFileKind.RESET_LEFTOVER, "rootfs.img", null, null)));
        assertEquals("left by a vmdisk run that was killed; its next run removes it", BundleEntryDetail.of(
                entry(".x.vmdisk-prune.clone", BundleFileKind.RESET_LEFTOVER, null, null, null)));
        assertEquals("no process holds it", BundleEntryDetail.of(entry("rootfs.img.zst.partial", BundleFileKind.STALLED_DOWNLOAD, null,
                new HolderReport(Path.of("b", "rootfs.img.zst.partial"), List.of(), 0), null)));
        assertEquals("cannot list it: Permission denied", BundleEntryDetail.of(entry("warm", BundleFileKind.OTHER, null, null, "Permission denied")));
        assertEquals("", BundleEntryDetail.of(entry("rootfs.img", BundleFileKind.IMAGE, null, null, null)));
        assertEquals("", BundleEntryDetail.of(entry("1234", BundleFileKind.WARM_COPY, null, null, null)));
    }
}
