package dev.vmdisk.io.content;

import dev.vmdisk.io.asif.AsifHeader;
import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.binary.ReadAt;
import dev.vmdisk.io.partition.Partition;
import dev.vmdisk.io.partition.PartitionTable;
import dev.vmdisk.io.partition.Scheme;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells what an image (or a region of it) holds by the signatures at fixed offsets, as blkid does.
 * At the start of an image it also reads a partition table and looks into each partition, once:
 * partitions inside partitions are not followed.
 */
public final class ContentDetector {
    /** Everything a probe looks at lies in the first 68 KiB: Btrfs's superblock at 64 KiB is the farthest. */
    static final int HEAD = 0x11000;
    /** How much of an unrecognised region is read to tell "empty" from "unknown"; holes read fast. */
    static final long ZERO_SCAN_LIMIT = 256L << 20;
    private static final int ZERO_CHUNK = 1 << 20;
    private static final ContentFacts NONE = new ContentFacts.None();

    private ContentDetector() {
    }

    /** What the region {@code [offset, offset + length)} of the image on {@code ch} holds. */
    public static ImageContent detect(FileChannel ch, long offset, long length) {
        return detect(ch, offset, length, Path.of("image"));
    }

    /**
     * What the region holds; {@code nameForMessages} names the image in errors. At offset 0 a partition
     * table is looked for too ({@code length} is then the image size).
     *
     * @throws dev.vmdisk.io.BadInputException when a partition table is there but unusable or truncated
     */
    public static ImageContent detect(FileChannel ch, long offset, long length, Path nameForMessages) {
        return detect(ch, offset, length, nameForMessages, offset == 0);
    }

    private static ImageContent detect(FileChannel ch, long offset, long length, Path image, boolean tables) {
        int headSize = (int) Math.min(HEAD, length);
        ByteBuffer head = ReadAt.fully(ch, offset, headSize, image, "start of the content");
        if (tables) {
            // Another program's image format first: the bytes inside are laid out by it, never a raw disk to look into.
            Found foreign = ForeignFormats.probe(ch, head, length, image);
            if (foreign != null) {
                return new ImageContent(foreign.kind(), foreign.facts(), offset, length, null, null, null, List.of(),
                        foreign.sizeBytes() < 0 ? null : foreign.sizeBytes());
            }
        }
        // Signatures at byte 0 and boot sectors first: a boot sector also ends in 0x55AA, like an MBR.
        if (tables && AsifHeader.matches(head)) {
            return asif(ch, length, image);
        }
        Found found = atStart(head);
        if (found == null && tables) {
            PartitionTable table = PartitionTable.read(ch, length, image);
            if (table.scheme() != Scheme.NONE) {
                return partitioned(ch, table, length, image);
            }
        }
        if (found == null) {
            found = further(head);
        }
        if (found != null) {
            return new ImageContent(found.kind(), found.facts(), offset, length,
                    found.label(), found.uuid(), null, List.of());
        }
        return zerosOrUnknown(ch, offset, length, image);
    }

    /**
     * An ASIF file: checked whole ({@link AsifImage#read}, exit 4 when anything in it is not understood),
     * then the virtual disk inside is detected as a raw image would be.
     */
    private static ImageContent asif(FileChannel ch, long length, Path image) {
        AsifImage asif = AsifImage.read(ch, image);
        ImageContent inner = detect(asif.disk(), 0, asif.virtualSize(), image, true);
        return new ImageContent(ContentKind.ASIF, NONE, 0, length, null, asif.header().uuid(), null, List.of(),
                new ImageContent.VirtualDisk(asif.virtualSize(), asif.mappedBytes(), asif.geometry().chunkSize(), inner));
    }

    private static Found atStart(ByteBuffer head) {
        if (LuksHeader.matches(head)) {
            return LuksHeader.parse(head).found();
        }
        if (XfsSuperblock.matches(head)) {
            return XfsSuperblock.parse(head).found();
        }
        if (SquashfsSuperblock.matches(head)) {
            return SquashfsSuperblock.parse(head).found();
        }
        return BootSector.probe(head);
    }

    private static Found further(ByteBuffer head) {
        if (ExtSuperblock.matches(head)) {
            return ExtSuperblock.parse(head).found();
        }
        if (ErofsSuperblock.matches(head)) {
            return ErofsSuperblock.parse(head).found();
        }
        if (BtrfsSuperblock.matches(head)) {
            return BtrfsSuperblock.parse(head).found();
        }
        int page = SwapHeader.pageSize(head);
        return page == 0 ? null : SwapHeader.parse(head, page).found();
    }

    private static ImageContent partitioned(FileChannel ch, PartitionTable table, long length, Path image) {
        List<PartitionContent> parts = new ArrayList<>();
        for (Partition p : table.partitions()) {
            parts.add(new PartitionContent(p, detect(ch, p.startByte(), p.lengthBytes(), image, false)));
        }
        return new ImageContent(table.scheme() == Scheme.GPT ? ContentKind.GPT : ContentKind.MBR, NONE, 0, length,
                null, null, table, parts);
    }

    private static ImageContent zerosOrUnknown(FileChannel ch, long offset, long length, Path image) {
        long scan = Math.min(length, ZERO_SCAN_LIMIT);
        ByteBuffer zero = ByteBuffer.allocate(ZERO_CHUNK);
        for (long done = 0; done < scan; done += ZERO_CHUNK) {
            int n = (int) Math.min(ZERO_CHUNK, scan - done);
            ByteBuffer chunk = ReadAt.fully(ch, offset + done, n, image, "data");
            if (chunk.mismatch(zero.slice(0, n)) != -1) {
                return new ImageContent(ContentKind.UNKNOWN, new ContentFacts.Unknown(0), offset, length, null, null,
                        null, List.of());
            }
        }
        ContentFacts facts = scan == length ? NONE : new ContentFacts.Unknown(scan);
        return new ImageContent(scan == length ? ContentKind.EMPTY : ContentKind.UNKNOWN, facts, offset, length,
                null, null, null, List.of());
    }
}
