package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.content.ContentKind;
import dev.vmdisk.io.content.ForeignFormats;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.content.PartitionContent;
import dev.vmdisk.io.partition.Partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that turns what an image holds ({@link ImageContent}, its partitions and its virtual disk)
 * into text for people and into the JSON object every command uses for it.
 */
final class ContentOutput {
    private ContentOutput() {
    }

    /**
     * Lines for people, e.g.
     * <pre>
     * GPT, 2 partitions, disk id 6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D
     *   1  at 1.0 MiB, 2.0 MiB, EFI System "EFI System": FAT12, 2.0 MiB, label "EFI", uuid 1234-5678
     * </pre>
     */
    static List<String> lines(ImageContent c) {
        List<String> lines = new ArrayList<>();
        lines.add(summary(c));
        if (c.table() != null) {
            for (String w : c.table().warnings()) {
                lines.add("  warning: " + w);
            }
            for (PartitionContent pc : c.partitions()) {
                Partition p = pc.partition();
                String name = p.name() == null || p.name().isEmpty() ? "" : " \"" + p.name() + "\"";
                lines.add(String.format(Locale.ROOT, "  %d  at %s, %s, %s%s: %s", p.index(),
                        Sizes.human(p.startByte()), Sizes.human(p.lengthBytes()), p.typeName(), name, summary(pc.content())));
            }
        }
        if (c.virtualDisk() != null) {
            List<String> inner = lines(c.virtualDisk().content());
            lines.add("  virtual disk: " + inner.get(0));
            inner.subList(1, inner.size()).forEach(l -> lines.add("  " + l));
        }
        return lines;
    }

    /** The description with label and UUID (and a table's disk id), on one line. */
    static String summary(ImageContent c) {
        StringBuilder sb = new StringBuilder(ContentDescription.of(c));
        if (c.label() != null) {
            sb.append(", label \"").append(c.label()).append('"');
        }
        if (c.uuid() != null) {
            sb.append(", uuid ").append(c.uuid());
        }
        if (c.table() != null && c.table().diskId() != null) {
            sb.append(", disk id ").append(c.table().diskId());
        }
        return sb.toString();
    }

    /** The stable name of a kind in JSON: "ext4", "linux-swap", "sparseimage" (common.schema.json lists them all). */
    static String kindName(ContentKind kind) {
        return kind == ContentKind.SWAP ? "linux-swap" : kind.name().toLowerCase(Locale.ROOT);
    }

    /** kind, description, offset, length, label, uuid, and for a table its fields and partitions, for an image format its disk. */
    static Map<String, Object> json(ImageContent c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kindName(c.kind()));
        m.put("description", ContentDescription.of(c));
        m.put("offset", c.offset());
        m.put("length", c.length());
        m.put("label", c.label());
        m.put("uuid", c.uuid());
        if (ForeignFormats.isForeign(c.kind())) {
            m.put("virtualBytes", c.virtualBytes());
        }
        if (c.table() != null) {
            m.put("scheme", c.table().scheme().name());
            m.put("sectorSize", c.table().sectorSize());
            m.put("diskId", c.table().diskId());
            m.put("warnings", c.table().warnings());
            m.put("partitions", c.partitions().stream().map(ContentOutput::json).toList());
        }
        if (c.virtualDisk() != null) {
            m.put("virtualBytes", c.virtualDisk().virtualBytes());
            m.put("mappedBytes", c.virtualDisk().mappedBytes());
            m.put("disk", json(c.virtualDisk().content()));
        }
        return m;
    }

    /** A partition's fields with what it holds under {@code "content"}. */
    static Map<String, Object> json(PartitionContent pc) {
        Partition p = pc.partition();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p.index());
        m.put("start", p.startByte());
        m.put("length", p.lengthBytes());
        m.put("type", p.type());
        m.put("typeName", p.typeName());
        m.put("uuid", p.uuid());
        m.put("name", p.name());
        m.put("content", json(pc.content()));
        return m;
    }
}
