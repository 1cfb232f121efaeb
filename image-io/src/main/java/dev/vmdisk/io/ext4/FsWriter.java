package dev.vmdisk.io.ext4;

import java.nio.ByteBuffer;

/**
 * Where prune's writes go: bytes at a position of the file system (0 is its first byte), through the
 * image's one open descriptor (a raw image) or into data an ASIF file already holds. An implementation
 * never extends the file and refuses a write it cannot place exactly.
 */
public interface FsWriter {
    /** Writes all of {@code bytes} (position to limit) at byte {@code fsPosition} of the file system. */
    void write(long fsPosition, ByteBuffer bytes);

    /** Makes every write so far durable ({@code fsync}) before the next phase starts. */
    void sync();
}
