package dev.vmdisk.io.bundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The app's file names, by kind (the names from claude-bundle.md; anything else is "other"). */
class BundleFilesTest {
    @Test
    void theAppsNamesByKind() {
        assertEquals(BundleFileKind.KERNEL, BundleFiles.byName("vmlinuz"));
        assertEquals(BundleFileKind.INITRD, BundleFiles.byName("initrd"));
        assertEquals(BundleFileKind.INITRD, BundleFiles.byName("initrd-micro"));
        assertEquals(BundleFileKind.KERNEL_FILE_BASE, BundleFiles.byName("vmlinuz.zst"));
        assertEquals(BundleFileKind.KERNEL_FILE_BASE, BundleFiles.byName("initrd-micro.zst"));
        for (String setting : new String[] {"efivars.fd", "macAddress", "machineIdentifier", "vmIP", "gvisorMacAddress"}) {
            assertEquals(BundleFileKind.VM_SETTING, BundleFiles.byName(setting), setting);
        }
        for (String marker : new String[] {".cowork-adopted", ".sdk-version", ".auto_reinstall_attempted"}) {
            assertEquals(BundleFileKind.APP_MARKER, BundleFiles.byName(marker), marker);
        }
        assertEquals(BundleFileKind.RELEASE_MARKER, BundleFiles.byName(".rootfs.img.origin"));
        assertEquals(BundleFileKind.RELEASE_MARKER, BundleFiles.byName(".vmlinuz.origin"));
        assertEquals(BundleFileKind.OTHER, BundleFiles.byName(".origin"));
        assertEquals(BundleFileKind.RESET_LEFTOVER, BundleFiles.byName(".rootfs.img.vmdisk-reset.tmp"));
        assertEquals(BundleFileKind.RESET_LEFTOVER, BundleFiles.byName(".rootfs.img.vmdisk-reset.clone"));
        assertEquals(BundleFileKind.RESET_LEFTOVER, BundleFiles.byName(".sessiondata.img.vmdisk-removing"));
        assertEquals(BundleFileKind.KEPT_OLD_IMAGE, BundleFiles.byName("rootfs.img.old"));
        assertEquals(BundleFileKind.OTHER, BundleFiles.byName("notes.old"));
        assertEquals(BundleFileKind.OTHER, BundleFiles.byName("config.json"));
        assertEquals(BundleFileKind.OTHER, BundleFiles.byName("vmlinuz.xz"));
    }

    @Test
    void whatTheAppNeedsAsFarAsIsKnown() {
        assertEquals("yes", BundleFileKind.BASE.neededByApp().word());
        assertEquals("unknown", BundleFileKind.STALLED_DOWNLOAD.neededByApp().word());
        assertEquals("unknown", BundleFileKind.WARM_COPY.neededByApp().word());
        assertEquals("no", BundleFileKind.KEPT_OLD_IMAGE.neededByApp().word());
    }
}
