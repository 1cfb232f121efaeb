package dev.vmdisk.io.content;

import dev.vmdisk.io.partition.Partition;

/** A partition of the table and what it holds. */
public record PartitionContent(Partition partition, ImageContent content) {
}
