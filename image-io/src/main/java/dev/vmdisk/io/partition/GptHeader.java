package dev.vmdisk.io.partition;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * A GPT header (UEFI spec 2.10, section 5.3.2), as read from its LBA. {@link #parse} checks everything
 * the header says about itself against the image before anyone uses it.
 *
 * @param myLba        {@code MyLBA}: where this copy lives
 * @param alternateLba {@code AlternateLBA}: where the other copy should live
 * @param entriesLba   {@code PartitionEntryLBA}
 * @param entryCount   {@code NumberOfPartitionEntries}
 * @param entrySize    {@code SizeOfPartitionEntry}
 * @param entriesCrc   {@code PartitionEntryArrayCRC32}
 */
public record GptHeader(int sectorSize, long myLba, long alternateLba, long firstUsableLba, long lastUsableLba,
                        Guid diskGuid, long entriesLba, long entryCount, long entrySize, long entriesCrc) {
    public static final String SIGNATURE_TEXT = "EFI PART";
    static final long SIGNATURE = 0x5452415020494645L; // "EFI PART" read little-endian
    static final int H_SIGNATURE = 0x00;
    static final int H_REVISION = 0x08;
    static final int H_HEADER_SIZE = 0x0C;
    static final int H_HEADER_CRC = 0x10;
    static final int H_MY_LBA = 0x18;
    static final int H_ALTERNATE_LBA = 0x20;
    static final int H_FIRST_USABLE = 0x28;
    static final int H_LAST_USABLE = 0x30;
    static final int H_DISK_GUID = 0x38;
    static final int H_ENTRIES_LBA = 0x48;
    static final int H_ENTRY_COUNT = 0x50;
    static final int H_ENTRY_SIZE = 0x54;
    static final int H_ENTRIES_CRC = 0x58;
    static final int MIN_HEADER_SIZE = 92;
    static final int MIN_ENTRY_SIZE = 128;
    /** Entries bigger than a 4 KiB sector are allowed by the spec but never made by any tool. */
    static final int MAX_ENTRY_SIZE = 4096;
    /** 1 MiB of entries: 8192 of 128 bytes, 64 times what every partitioning tool writes. */
    static final long MAX_ENTRY_ARRAY = 1 << 20;

    /** Whether the sector starts with "EFI PART"; says nothing about the rest. */
    static boolean hasSignature(ByteBuffer sector) {
        return sector.limit() >= 8 && Le.u64(sector, H_SIGNATURE) == SIGNATURE;
    }

    /**
     * Parses and checks the header in {@code sector}, read from LBA {@code lba}.
     *
     * @throws GptDefect naming the first thing wrong
     */
    static GptHeader parse(ByteBuffer sector, long lba, int sectorSize, long imageSize) {
        if (!hasSignature(sector)) {
            throw new GptDefect("no \"EFI PART\" signature");
        }
        long revision = Le.u32(sector, H_REVISION);
        if (revision >>> 16 != 1) {
            throw new GptDefect(String.format("revision 0x%08X at offset 0x%X is not 1.x", revision, H_REVISION));
        }
        long headerSize = Le.u32(sector, H_HEADER_SIZE);
        if (headerSize < MIN_HEADER_SIZE || headerSize > sectorSize) {
            throw new GptDefect("header size " + headerSize + " at offset 0x" + Integer.toHexString(H_HEADER_SIZE)
                    + " is outside " + MIN_HEADER_SIZE + ".." + sectorSize);
        }
        long recorded = Le.u32(sector, H_HEADER_CRC);
        long actual = headerCrc(sector, (int) headerSize);
        if (recorded != actual) {
            throw new GptDefect(String.format("header CRC32 0x%08X at offset 0x%X does not match the computed 0x%08X",
                    recorded, H_HEADER_CRC, actual));
        }
        long myLba = Le.u64(sector, H_MY_LBA);
        if (myLba != lba) {
            throw new GptDefect("MyLBA " + Long.toUnsignedString(myLba) + " is not the LBA " + lba + " it was read from");
        }
        long lbas = imageSize / sectorSize;
        long first = Le.u64(sector, H_FIRST_USABLE);
        long last = Le.u64(sector, H_LAST_USABLE);
        // Unsigned compare: a huge u64 reads negative here and must not pass as small.
        if (Long.compareUnsigned(first, last) > 0 || Long.compareUnsigned(last, Long.MAX_VALUE / sectorSize) > 0) {
            throw new GptDefect("usable LBAs " + Long.toUnsignedString(first) + ".." + Long.toUnsignedString(last)
                    + " are not a range");
        }
        long entrySize = Le.u32(sector, H_ENTRY_SIZE);
        if (entrySize < MIN_ENTRY_SIZE || entrySize > MAX_ENTRY_SIZE || Long.bitCount(entrySize) != 1) {
            throw new GptDefect("entry size " + entrySize + " at offset 0x" + Integer.toHexString(H_ENTRY_SIZE)
                    + " is not a power of two in " + MIN_ENTRY_SIZE + ".." + MAX_ENTRY_SIZE);
        }
        long entryCount = Le.u32(sector, H_ENTRY_COUNT);
        if (entryCount * entrySize > MAX_ENTRY_ARRAY) {
            throw new GptDefect("entry count " + entryCount + " at offset 0x" + Integer.toHexString(H_ENTRY_COUNT)
                    + " times entry size " + entrySize + " exceeds " + MAX_ENTRY_ARRAY + " bytes");
        }
        long entriesLba = Le.u64(sector, H_ENTRIES_LBA);
        long arrayLbas = (entryCount * entrySize + sectorSize - 1) / sectorSize;
        if (Long.compareUnsigned(entriesLba, lbas) >= 0 || entriesLba == 0 || entriesLba + arrayLbas > lbas) {
            throw new GptDefect("entry array at LBA " + Long.toUnsignedString(entriesLba) + " (" + arrayLbas
                    + " sectors) is not inside the image of " + lbas + " sectors");
        }
        // The array lies outside the usable LBAs: before them for the primary, after them for the backup.
        boolean beforeUsable = entriesLba + arrayLbas <= first;
        if (lba == 1 ? !beforeUsable : beforeUsable || entriesLba <= last) {
            throw new GptDefect("entry array at LBA " + entriesLba + " (" + arrayLbas + " sectors) overlaps the usable LBAs "
                    + first + ".." + last);
        }
        return new GptHeader(sectorSize, myLba, Le.u64(sector, H_ALTERNATE_LBA), first, last,
                Guid.parse(sector, H_DISK_GUID), entriesLba, entryCount, entrySize, Le.u32(sector, H_ENTRIES_CRC));
    }

    /** CRC32 of the first {@code headerSize} bytes with the CRC field itself taken as zero. */
    static long headerCrc(ByteBuffer sector, int headerSize) {
        byte[] copy = new byte[headerSize];
        sector.get(0, copy);
        for (int i = 0; i < 4; i++) {
            copy[H_HEADER_CRC + i] = 0;
        }
        CRC32 crc = new CRC32();
        crc.update(copy);
        return crc.getValue();
    }

    public long byteOffset() {
        return myLba * sectorSize;
    }

    int entryArrayBytes() {
        return (int) (entryCount * entrySize);
    }
}
