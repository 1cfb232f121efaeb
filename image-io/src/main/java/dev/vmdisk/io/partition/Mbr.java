package dev.vmdisk.io.partition;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The first 512-byte sector of a disk: boot code, a 32-bit disk signature, four primary entries and 0x55AA.
 * A sector with the 0x55AA mark can still be a file system's boot sector (FAT, NTFS), so
 * {@link #isPartitionTable()} also checks that every entry looks like one.
 */
public record Mbr(long diskSignature, List<MbrEntry> entries, boolean hasBootSignature) {
    public static final int SECTOR = 512;
    static final int DISK_SIGNATURE = 0x1B8;
    static final int ENTRIES = 0x1BE;
    static final int ENTRY_COUNT = 4;
    static final int BOOT_SIGNATURE = 0x1FE;
    static final int BOOT_SIGNATURE_VALUE = 0xAA55;

    public static Mbr parse(ByteBuffer sector) {
        List<MbrEntry> entries = new ArrayList<>(ENTRY_COUNT);
        for (int i = 0; i < ENTRY_COUNT; i++) {
            entries.add(MbrEntry.parse(sector, ENTRIES + i * MbrEntry.SIZE));
        }
        return new Mbr(Le.u32(sector, DISK_SIGNATURE), List.copyOf(entries),
                Le.u16(sector, BOOT_SIGNATURE) == BOOT_SIGNATURE_VALUE);
    }

    /** A protective (or hybrid) MBR in front of a GPT: one of its entries has type 0xEE. */
    public boolean isProtective() {
        return hasBootSignature && entries.stream().anyMatch(e -> e.type() == MbrTypes.GPT_PROTECTIVE);
    }

    /** 0x55AA, at least one used entry, and every entry plausible. */
    public boolean isPartitionTable() {
        return hasBootSignature && entries.stream().anyMatch(MbrEntry::isUsed)
                && entries.stream().allMatch(MbrEntry::isPlausible);
    }
}
