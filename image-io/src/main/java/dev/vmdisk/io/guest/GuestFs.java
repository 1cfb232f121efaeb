package dev.vmdisk.io.guest;

import dev.vmdisk.io.content.ContentKind;

/**
 * Where an ext2/3/4 file system lies in an image: the whole image, or one partition.
 *
 * @param partition the partition's number as Linux counts it ({@code sda2} is 2), or 0 for the whole image
 * @param offset    its first byte in the image
 * @param length    the bytes it may use: the partition's length, or the image's size
 * @param kind      ext2, ext3 or ext4, as blkid would name it
 */
public record GuestFs(int partition, long offset, long length, ContentKind kind) {
    /** How messages name it: "the whole image" or "partition 2". */
    public String where() {
        return partition == 0 ? "the whole image" : "partition " + partition;
    }
}
