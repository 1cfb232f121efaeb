package dev.vmdisk.io.ext4;

import java.util.List;

/**
 * Space taken inside the guest under {@code path}, as {@code du} counts it: allocated bytes
 * ({@code i_blocks}), each inode once however many names it has. {@code entries} lists directories
 * down to the requested depth, children before their parent, as {@code du} prints them.
 */
public record DiskUsage(String path, long bytes, List<Entry> entries) {
    /** A directory's total, including everything below it, at {@code depth} below the starting path. */
    public record Entry(String path, long bytes, int depth) {
    }
}
