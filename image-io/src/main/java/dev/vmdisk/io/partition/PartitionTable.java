package dev.vmdisk.io.partition;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.ReadAt;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an image is partitioned: a GPT (preferred when present), an MBR, or {@link Scheme#NONE}.
 *
 * @param sectorSize the logical sector size the table uses (512, or 4096 for a 4Kn GPT); 0 for NONE
 * @param diskId     GPT: the disk GUID; MBR: the disk signature as {@code 0x1234abcd}; NONE: null
 * @param partitions used entries in slot order, each inside the image
 * @param warnings   things a user should know that did not stop the read (a bad backup GPT, an enlarged image)
 */
public record PartitionTable(Scheme scheme, int sectorSize, String diskId, List<Partition> partitions,
                             List<String> warnings) {
    public static final PartitionTable NONE = new PartitionTable(Scheme.NONE, 0, null, List.of(), List.of());

    public PartitionTable {
        partitions = List.copyOf(partitions);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the partition table of the image open on {@code ch}.
     *
     * @param imageSize       the image's size in bytes; nothing at or past it is read or trusted
     * @param nameForMessages the image as messages name it
     * @throws BadInputException when a table is there but cannot be used: both GPT copies bad, a
     *                           protective MBR without a GPT, a partition past the end of the image
     */
    public static PartitionTable read(FileChannel ch, long imageSize, Path nameForMessages) {
        if (imageSize < Mbr.SECTOR) {
            return NONE;
        }
        Mbr mbr = Mbr.parse(ReadAt.fully(ch, 0, Mbr.SECTOR, nameForMessages, "MBR"));
        List<String> warnings = new ArrayList<>();
        int gptSectorSize = GptReader.findSectorSize(ch, imageSize, nameForMessages);
        if (gptSectorSize != 0) {
            if (!mbr.isProtective()) {
                warnings.add("a GPT without a protective MBR (no type 0xEE entry in sector 0)");
            }
            return GptReader.read(ch, imageSize, nameForMessages, gptSectorSize, warnings);
        }
        if (mbr.isProtective()) {
            throw new BadInputException(nameForMessages + ": the MBR has a GPT protective entry (type 0xEE at byte "
                    + Mbr.ENTRIES + ") but there is no \"EFI PART\" header at LBA 1 or at the last LBA;"
                    + " the GPT is lost, use an intact copy of the image");
        }
        if (mbr.isPartitionTable()) {
            return new PartitionTable(Scheme.MBR, Mbr.SECTOR, String.format(Locale.ROOT, "0x%08x", mbr.diskSignature()),
                    mbrPartitions(mbr, imageSize, nameForMessages), warnings);
        }
        return NONE;
    }

    private static List<Partition> mbrPartitions(Mbr mbr, long imageSize, Path image) {
        List<Partition> out = new ArrayList<>();
        for (int i = 0; i < Mbr.ENTRY_COUNT; i++) {
            MbrEntry e = mbr.entries().get(i);
            if (!e.isUsed()) {
                continue;
            }
            long start = e.startLba() * Mbr.SECTOR;
            long length = e.sectors() * Mbr.SECTOR;
            if (start + length > imageSize) {
                throw new BadInputException(image + ": MBR partition " + (i + 1) + " (entry at byte "
                        + (Mbr.ENTRIES + i * MbrEntry.SIZE) + ") ends at byte " + (start + length)
                        + ", past the end of the image at byte " + imageSize + ": the image is truncated, use a complete copy");
            }
            // Linux's PARTUUID for an MBR partition: the disk signature and the slot number.
            String partUuid = String.format(Locale.ROOT, "%08x-%02x", mbr.diskSignature(), i + 1);
            out.add(new Partition(i + 1, start, length, String.format(Locale.ROOT, "0x%02x", e.type()),
                    MbrTypes.name(e.type()), partUuid, null));
        }
        return out;
    }
}
