package dev.vmdisk.io.content;

import dev.vmdisk.io.partition.PartitionTable;

import java.util.List;
import java.util.Objects;

/**
 * What a region of an image holds: a file system, swap, an encrypted volume, a partition table with
 * what each partition holds, zeros, or something unknown. The CLI makes text and JSON of it (ContentOutput).
 *
 * @param kind        what was recognised
 * @param facts       the figures its detector read: sizes, block size, version ({@link ContentFacts.None} when there
 *                    are none beyond these fields); the CLI makes the line people read of them
 * @param offset      where the region starts in the image, in bytes
 * @param length      the region's length in bytes
 * @param label       the volume label, or null
 * @param uuid        the volume UUID (or FAT/NTFS serial) as blkid prints it, or null; a table's id is in {@code table}
 * @param table       the partition table when {@code kind} is GPT or MBR, else null
 * @param partitions  for a partition table, each used partition with its content; else empty
 * @param virtualDisk for a disk-image format vmdisk reads ({@code kind} ASIF), the virtual disk inside and what it
 *                    holds; else null
 * @param virtualBytes for another program's image format ({@link ForeignFormats}), the virtual disk's size as its
 *                     header gives it; null when it does not, and for everything else
 */
public record ImageContent(ContentKind kind, ContentFacts facts, long offset, long length, String label, String uuid,
                           PartitionTable table, List<PartitionContent> partitions, VirtualDisk virtualDisk,
                           Long virtualBytes) {
    public ImageContent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(facts, "facts");
        partitions = List.copyOf(partitions);
    }

    /** Content found directly in the file: no virtual disk, no virtual size of its own. */
    public ImageContent(ContentKind kind, ContentFacts facts, long offset, long length, String label, String uuid,
                        PartitionTable table, List<PartitionContent> partitions) {
        this(kind, facts, offset, length, label, uuid, table, partitions, null, null);
    }

    /** An ASIF file: the virtual disk vmdisk reads inside it. */
    public ImageContent(ContentKind kind, ContentFacts facts, long offset, long length, String label, String uuid,
                        PartitionTable table, List<PartitionContent> partitions, VirtualDisk virtualDisk) {
        this(kind, facts, offset, length, label, uuid, table, partitions, virtualDisk, null);
    }

    /** Another program's image format: its header's virtual size, the guest never read. */
    public ImageContent(ContentKind kind, ContentFacts facts, long offset, long length, String label, String uuid,
                        PartitionTable table, List<PartitionContent> partitions, Long virtualBytes) {
        this(kind, facts, offset, length, label, uuid, table, partitions, null, virtualBytes);
    }

    /**
     * What it is in a word or two, for the core's messages ("decompresses to ext4, not ASIF"): "ext4", "FAT32", "GPT",
     * "all zeros", "unknown content"; the name the volume gives its own type when it has one, else the kind's. Only
     * that: the line people read, with its figures, is the CLI's (ContentDescription).
     */
    public String name() {
        return switch (kind) {
            case EMPTY -> "all zeros";
            case UNKNOWN -> "unknown content";
            default -> facts instanceof ContentFacts.Volume v && v.variant() != null ? v.variant() : kind.displayName();
        };
    }

    /**
     * The disk inside an image format.
     *
     * @param virtualBytes the guest's disk size
     * @param mappedBytes  bytes of it in mapped chunks (the rest reads as zeros and takes no space)
     * @param chunkBytes   the format's chunk size: the unit it maps
     * @param content      what the virtual disk holds, offsets counted on the virtual disk
     */
    public record VirtualDisk(long virtualBytes, long mappedBytes, long chunkBytes, ImageContent content) {
    }
}
