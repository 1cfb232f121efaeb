package dev.vmdisk.io.content;

import dev.vmdisk.io.partition.Partition;

import java.util.Map;

/** A partition of the table and what it holds. */
public record PartitionContent(Partition partition, ImageContent content) {
    /** The partition's fields with its content under {@code "content"}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = partition.toMap();
        m.put("content", content.toMap());
        return m;
    }
}
