package dev.vmdisk.io.nativefs;

/**
 * What one directory entry takes on the host, as {@code du} counts it: the file itself (a symbolic link is
 * the link, never its target), identified so that hard links are counted once.
 *
 * @param id             device and inode ({@code st_dev}, {@code st_ino})
 * @param allocatedBytes {@code st_blocks × 512}
 * @param directory      whether it is a directory (to walk into)
 */
public record FileAllocation(FileId id, long allocatedBytes, boolean directory) {
}
