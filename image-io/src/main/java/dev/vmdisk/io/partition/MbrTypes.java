package dev.vmdisk.io.partition;

import java.util.Map;

/** Names of the MBR partition type bytes seen on VM disks, spelled as sfdisk (util-linux) spells them. */
final class MbrTypes {
    static final int EMPTY = 0x00;
    static final int GPT_PROTECTIVE = 0xEE;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x01, "FAT12"),
            Map.entry(0x04, "FAT16 <32M"),
            Map.entry(0x05, "Extended"),
            Map.entry(0x06, "FAT16"),
            Map.entry(0x07, "HPFS/NTFS/exFAT"),
            Map.entry(0x0B, "W95 FAT32"),
            Map.entry(0x0C, "W95 FAT32 (LBA)"),
            Map.entry(0x0E, "W95 FAT16 (LBA)"),
            Map.entry(0x0F, "W95 Ext'd (LBA)"),
            Map.entry(0x27, "Hidden NTFS WinRE"),
            Map.entry(0x82, "Linux swap / Solaris"),
            Map.entry(0x83, "Linux"),
            Map.entry(0x85, "Linux extended"),
            Map.entry(0x8E, "Linux LVM"),
            Map.entry(0xA5, "FreeBSD"),
            Map.entry(0xA6, "OpenBSD"),
            Map.entry(0xA9, "NetBSD"),
            Map.entry(0xAF, "HFS / HFS+"),
            Map.entry(0xEA, "Linux extended boot"),
            Map.entry(0xEE, "GPT"),
            Map.entry(0xEF, "EFI (FAT-12/16/32)"),
            Map.entry(0xFD, "Linux raid autodetect"));

    private MbrTypes() {
    }

    static String name(int type) {
        return NAMES.getOrDefault(type, "unknown");
    }

    /** An extended partition holds logical partitions; vmdisk lists it but does not walk its chain. */
    static boolean isExtended(int type) {
        return type == 0x05 || type == 0x0F || type == 0x85;
    }
}
