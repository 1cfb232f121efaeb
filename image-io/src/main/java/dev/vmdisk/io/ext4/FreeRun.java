package dev.vmdisk.io.ext4;

/** A byte range of the image that the ext file system in it does not use: safe to punch. */
public record FreeRun(long offset, long length) {
}
