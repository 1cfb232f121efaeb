package dev.vmdisk.io.content;

import dev.vmdisk.io.partition.Partition;
import dev.vmdisk.io.partition.PartitionTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a region of an image holds: a file system, swap, an encrypted volume, a partition table with
 * what each partition holds, zeros, or something unknown. Text and JSON output are both made from this.
 *
 * @param kind        what was recognised
 * @param description one line for people: "ext4, 4.0 MiB, 1024-byte blocks", "GPT, 2 partitions"
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
public record ImageContent(ContentKind kind, String description, long offset, long length, String label, String uuid,
                           PartitionTable table, List<PartitionContent> partitions, VirtualDisk virtualDisk,
                           Long virtualBytes) {
    public ImageContent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        partitions = List.copyOf(partitions);
    }

    /** Content found directly in the file: no virtual disk, no virtual size of its own. */
    public ImageContent(ContentKind kind, String description, long offset, long length, String label, String uuid,
                        PartitionTable table, List<PartitionContent> partitions) {
        this(kind, description, offset, length, label, uuid, table, partitions, null, null);
    }

    /** An ASIF file: the virtual disk vmdisk reads inside it. */
    public ImageContent(ContentKind kind, String description, long offset, long length, String label, String uuid,
                        PartitionTable table, List<PartitionContent> partitions, VirtualDisk virtualDisk) {
        this(kind, description, offset, length, label, uuid, table, partitions, virtualDisk, null);
    }

    /** Another program's image format: its header's virtual size, the guest never read. */
    public ImageContent(ContentKind kind, String description, long offset, long length, String label, String uuid,
                        PartitionTable table, List<PartitionContent> partitions, Long virtualBytes) {
        this(kind, description, offset, length, label, uuid, table, partitions, null, virtualBytes);
    }

    /**
     * The disk inside an image format.
     *
     * @param virtualBytes the guest's disk size
     * @param mappedBytes  bytes of it in mapped chunks (the rest reads as zeros and takes no space)
     * @param content      what the virtual disk holds, offsets counted on the virtual disk
     */
    public record VirtualDisk(long virtualBytes, long mappedBytes, ImageContent content) {
    }

    /** Plain values for JSON: kind, description, offset, length, label, uuid, and for a table its fields and partitions. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.jsonName());
        m.put("description", description);
        m.put("offset", offset);
        m.put("length", length);
        m.put("label", label);
        m.put("uuid", uuid);
        if (ForeignFormats.isForeign(kind)) {
            m.put("virtualBytes", virtualBytes);
        }
        if (table != null) {
            m.put("scheme", table.scheme().name());
            m.put("sectorSize", table.sectorSize());
            m.put("diskId", table.diskId());
            m.put("warnings", table.warnings());
            m.put("partitions", partitions.stream().map(PartitionContent::toMap).toList());
        }
        if (virtualDisk != null) {
            m.put("virtualBytes", virtualDisk.virtualBytes());
            m.put("mappedBytes", virtualDisk.mappedBytes());
            m.put("disk", virtualDisk.content().toMap());
        }
        return m;
    }

    /**
     * Lines for people, e.g.
     * <pre>
     * GPT, 2 partitions, disk id 6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D
     *   1  at 1.0 MiB, 2.0 MiB, EFI System "EFI System": FAT12, 2.0 MiB, label "EFI", uuid 1234-5678
     * </pre>
     */
    public List<String> toText() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(summary());
        if (table != null) {
            for (String w : table.warnings()) {
                lines.add("  warning: " + w);
            }
            for (PartitionContent pc : partitions) {
                Partition p = pc.partition();
                String name = p.name() == null || p.name().isEmpty() ? "" : " \"" + p.name() + "\"";
                lines.add(String.format(java.util.Locale.ROOT, "  %d  at %s, %s, %s%s: %s", p.index(),
                        Text.size(p.startByte()), Text.size(p.lengthBytes()), p.typeName(), name, pc.content().summary()));
            }
        }
        if (virtualDisk != null) {
            List<String> inner = virtualDisk.content().toText();
            lines.add("  virtual disk: " + inner.get(0));
            inner.subList(1, inner.size()).forEach(l -> lines.add("  " + l));
        }
        return lines;
    }

    /** The description with label and UUID, on one line. */
    public String summary() {
        StringBuilder sb = new StringBuilder(description);
        if (label != null) {
            sb.append(", label \"").append(label).append('"');
        }
        if (uuid != null) {
            sb.append(", uuid ").append(uuid);
        }
        if (table != null && table.diskId() != null) {
            sb.append(", disk id ").append(table.diskId());
        }
        return sb.toString();
    }
}
