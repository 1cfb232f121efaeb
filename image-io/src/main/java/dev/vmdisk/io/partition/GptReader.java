package dev.vmdisk.io.partition;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.ReadAt;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Reads a GPT: the primary copy at LBA 1, else the backup at the last LBA (or where the primary
 * header says it is). A copy is used only when its header and its entry array both check out.
 */
final class GptReader {
    static final int[] SECTOR_SIZES = {512, 4096};

    private final FileChannel ch;
    private final long imageSize;
    private final Path image;
    private final int sectorSize;
    private final long lbas;

    private GptReader(FileChannel ch, long imageSize, Path image, int sectorSize) {
        this.ch = ch;
        this.imageSize = imageSize;
        this.image = image;
        this.sectorSize = sectorSize;
        this.lbas = imageSize / sectorSize;
    }

    /** A used entry and the slot it sits in, from 1. */
    private record Slot(int index, GptEntry entry, long arrayOffset) {
    }

    /** A copy of the table that checked out. */
    private record Copy(GptHeader header, List<Slot> slots) {
    }

    /**
     * The sector size at which a GPT signature shows, at LBA 1 or at the last LBA; 0 when none does.
     * 512 is tried first, 4096 only when 512 finds nothing.
     */
    static int findSectorSize(FileChannel ch, long imageSize, Path image) {
        for (int size : SECTOR_SIZES) {
            long lbas = imageSize / size;
            if (lbas < 3) {
                continue;
            }
            if (GptHeader.hasSignature(ReadAt.fully(ch, size, 8, image, "GPT signature"))
                    || GptHeader.hasSignature(ReadAt.fully(ch, (lbas - 1) * size, 8, image, "backup GPT signature"))) {
                return size;
            }
        }
        return 0;
    }

    static PartitionTable read(FileChannel ch, long imageSize, Path image, int sectorSize, List<String> warnings) {
        return new GptReader(ch, imageSize, image, sectorSize).read(warnings);
    }

    private PartitionTable read(List<String> warnings) {
        GptHeader primaryHeader = null;
        Copy chosen = null;
        String primaryProblem = null;
        try {
            primaryHeader = header(1);
            chosen = entries(primaryHeader);
        } catch (GptDefect d) {
            primaryProblem = d.getMessage();
        }
        if (chosen != null) {
            checkBackup(chosen.header(), warnings);
        } else {
            Set<Long> candidates = new LinkedHashSet<>();
            candidates.add(lbas - 1);
            if (primaryHeader != null && primaryHeader.alternateLba() > 1 && primaryHeader.alternateLba() < lbas) {
                candidates.add(primaryHeader.alternateLba());
            }
            List<String> backupProblems = new ArrayList<>();
            for (long lba : candidates) {
                try {
                    chosen = entries(header(lba));
                    warnings.add("the primary GPT at byte " + sectorSize + " is bad (" + primaryProblem
                            + "); using the backup at byte " + lba * sectorSize + " (sgdisk can rewrite the primary from it)");
                    break;
                } catch (GptDefect d) {
                    backupProblems.add("backup at byte " + lba * sectorSize + ": " + d.getMessage());
                }
            }
            if (chosen == null) {
                throw new BadInputException(image + ": no usable GPT: primary at byte " + sectorSize + ": " + primaryProblem
                        + "; " + String.join("; ", backupProblems)
                        + "; the partition table is corrupt, use an intact copy of the image");
            }
        }
        return new PartitionTable(Scheme.GPT, sectorSize, chosen.header().diskGuid().text(), partitions(chosen), warnings);
    }

    private GptHeader header(long lba) {
        ByteBuffer sector = ReadAt.fully(ch, lba * sectorSize, sectorSize, image, "GPT header");
        return GptHeader.parse(sector, lba, sectorSize, imageSize);
    }

    /** Reads, checks and parses the entry array {@code h} points to. */
    private Copy entries(GptHeader h) {
        int bytes = h.entryArrayBytes();
        long at = h.entriesLba() * sectorSize;
        ByteBuffer array = ReadAt.fully(ch, at, bytes, image, "GPT partition entries");
        CRC32 crc = new CRC32();
        crc.update(array.duplicate());
        if (crc.getValue() != h.entriesCrc()) {
            throw new GptDefect(String.format("entry array CRC32 0x%08X does not match 0x%08X recorded in the header",
                    crc.getValue(), h.entriesCrc()));
        }
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < h.entryCount(); i++) {
            int offset = (int) (i * h.entrySize());
            GptEntry e = GptEntry.parse(array, offset);
            if (!e.isUsed()) {
                continue;
            }
            long entryAt = at + offset;
            if (e.firstLba() < h.firstUsableLba() || e.lastLba() < e.firstLba()
                    || Long.compareUnsigned(e.lastLba(), h.lastUsableLba()) > 0) {
                throw new GptDefect("partition " + (i + 1) + " (entry at byte " + entryAt + ") spans LBAs "
                        + Long.toUnsignedString(e.firstLba()) + ".." + Long.toUnsignedString(e.lastLba())
                        + ", outside the usable " + h.firstUsableLba() + ".." + h.lastUsableLba());
            }
            slots.add(new Slot(i + 1, e, entryAt));
        }
        List<Slot> byStart = new ArrayList<>(slots);
        byStart.sort(Comparator.comparingLong(s -> s.entry().firstLba()));
        for (int i = 1; i < byStart.size(); i++) {
            Slot a = byStart.get(i - 1);
            Slot b = byStart.get(i);
            if (b.entry().firstLba() <= a.entry().lastLba()) {
                throw new GptDefect("partitions " + a.index() + " and " + b.index() + " overlap at LBA " + b.entry().firstLba());
            }
        }
        return new Copy(h, slots);
    }

    /** Notes a missing, misplaced or bad backup; the primary is used either way. */
    private void checkBackup(GptHeader primary, List<String> warnings) {
        long alt = primary.alternateLba();
        if (Long.compareUnsigned(alt, lbas) >= 0) {
            warnings.add("the GPT puts its backup at LBA " + Long.toUnsignedString(alt) + ", past the end of the image ("
                    + lbas + " sectors of " + sectorSize + " bytes): the image was truncated");
            return;
        }
        if (alt != lbas - 1) {
            warnings.add("the backup GPT is at LBA " + alt + ", not at the last LBA " + (lbas - 1)
                    + ": the image was enlarged (sgdisk -e moves the backup to the end)");
        }
        try {
            entries(header(alt));
        } catch (GptDefect d) {
            warnings.add("the backup GPT at byte " + alt * sectorSize + " is bad: " + d.getMessage());
        }
    }

    /** The chosen copy's entries as partitions, each checked against the end of the image. */
    private List<Partition> partitions(Copy c) {
        List<Partition> out = new ArrayList<>();
        for (Slot s : c.slots()) {
            GptEntry e = s.entry();
            long start = e.firstLba() * sectorSize;
            long length = (e.lastLba() - e.firstLba() + 1) * sectorSize;
            if (start + length > imageSize) {
                throw new BadInputException(image + ": GPT partition " + s.index() + " (entry at byte " + s.arrayOffset()
                        + ") ends at byte " + (start + length) + ", past the end of the image at byte " + imageSize
                        + ": the image is truncated, use a complete copy");
            }
            out.add(new Partition(s.index(), start, length, e.type().text(), GptTypes.name(e.type()),
                    e.unique().text(), e.name()));
        }
        return out;
    }
}
