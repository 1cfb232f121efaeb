package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A DOS-style boot sector at byte 0 that starts a FAT, NTFS or exFAT volume. It ends in 0x55AA like an
 * MBR, so it is recognised by its BIOS parameter block and file system name, before any MBR test.
 */
final class BootSector {
    static final int OEM_NAME = 0x03;
    static final int BYTES_PER_SECTOR = 0x0B;
    static final int SECTORS_PER_CLUSTER = 0x0D;
    static final int RESERVED_SECTORS = 0x0E;
    static final int NUM_FATS = 0x10;
    static final int TOTAL_SECTORS_16 = 0x13;
    static final int FAT_SIZE_16 = 0x16;
    static final int TOTAL_SECTORS_32 = 0x20;
    /** FAT12/16 extended BPB. */
    static final int FAT16_VOLUME_ID = 0x27;
    static final int FAT16_LABEL = 0x2B;
    static final int FAT16_TYPE = 0x36;
    /** FAT32 extended BPB. */
    static final int FAT32_VOLUME_ID = 0x43;
    static final int FAT32_LABEL = 0x47;
    static final int FAT32_TYPE = 0x52;
    static final int NTFS_TOTAL_SECTORS = 0x28;
    static final int NTFS_SERIAL = 0x48;
    static final int EXFAT_VOLUME_LENGTH = 0x48;
    static final int EXFAT_SERIAL = 0x64;
    static final int EXFAT_SECTOR_SHIFT = 0x6C;
    static final int SIGNATURE = 0x1FE;

    static final byte[] NTFS = "NTFS    ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXFAT = "EXFAT   ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FAT = "FAT".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FAT32 = "FAT32   ".getBytes(StandardCharsets.US_ASCII);

    private BootSector() {
    }

    /** The volume this boot sector starts, or null when it starts none of FAT, NTFS, exFAT. */
    static Found probe(ByteBuffer head) {
        if (head.limit() < 512 || Le.u16(head, SIGNATURE) != 0xAA55) {
            return null;
        }
        if (Bytes.equalAt(head, OEM_NAME, NTFS)) {
            long size = Found.bytes(Le.u64(head, NTFS_TOTAL_SECTORS), Le.u16(head, BYTES_PER_SECTOR));
            return new Found(ContentKind.NTFS, new ContentFacts.Volume(null, size, 0), size, null,
                    String.format(Locale.ROOT, "%016X", Le.u64(head, NTFS_SERIAL)));
        }
        if (Bytes.equalAt(head, OEM_NAME, EXFAT)) {
            int shift = Le.u8(head, EXFAT_SECTOR_SHIFT);
            long size = shift >= 9 && shift <= 12 ? Found.bytes(Le.u64(head, EXFAT_VOLUME_LENGTH), 1L << shift) : -1;
            return new Found(ContentKind.EXFAT, new ContentFacts.Volume(null, size, 0), size, null, serial(Le.u32(head, EXFAT_SERIAL)));
        }
        return fat(head);
    }

    private static Found fat(ByteBuffer head) {
        int bytesPerSector = Le.u16(head, BYTES_PER_SECTOR);
        int perCluster = Le.u8(head, SECTORS_PER_CLUSTER);
        boolean jump = Le.u8(head, 0) == 0xEB || Le.u8(head, 0) == 0xE9;
        boolean bpb = jump && bytesPerSector >= 512 && bytesPerSector <= 4096 && Integer.bitCount(bytesPerSector) == 1
                && perCluster != 0 && Integer.bitCount(perCluster) == 1 && Le.u16(head, RESERVED_SECTORS) > 0
                && Le.u8(head, NUM_FATS) >= 1 && Le.u8(head, NUM_FATS) <= 2;
        if (!bpb) {
            return null;
        }
        boolean fat32 = Le.u16(head, FAT_SIZE_16) == 0;
        int typeAt = fat32 ? FAT32_TYPE : FAT16_TYPE;
        if (fat32 ? !Bytes.equalAt(head, typeAt, FAT32) : !Bytes.equalAt(head, typeAt, FAT)) {
            return null;
        }
        long sectors = Le.u16(head, TOTAL_SECTORS_16) != 0 ? Le.u16(head, TOTAL_SECTORS_16) : Le.u32(head, TOTAL_SECTORS_32);
        long size = sectors * bytesPerSector;
        String type = Text.label(head, typeAt, 8, StandardCharsets.US_ASCII);
        String label = Text.label(head, fat32 ? FAT32_LABEL : FAT16_LABEL, 11, StandardCharsets.ISO_8859_1);
        if ("NO NAME".equals(label)) {
            label = null;
        }
        return new Found(ContentKind.FAT, new ContentFacts.Volume(type, size, 0), size, label,
                serial(Le.u32(head, fat32 ? FAT32_VOLUME_ID : FAT16_VOLUME_ID)));
    }

    /** A 32-bit volume serial as blkid prints it: {@code 1234-ABCD}. */
    private static String serial(long id) {
        return String.format(Locale.ROOT, "%04X-%04X", id >>> 16, id & 0xFFFF);
    }
}
