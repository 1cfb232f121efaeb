package dev.vmdisk.io.ext4;

import java.util.List;

/**
 * What {@code vmdisk inspect} shows about an ext file system: identity, size, space used and free
 * inside the guest (from the group descriptors), state, features, and whether trimming may go ahead.
 */
public record Ext4Info(String label, String uuid, int blockSize, long blocksCount, long sizeBytes, long usedBytes,
        long freeBytes, long inodesCount, long freeInodes, String state, List<String> features, TrimVerdict trim) {
}
