package dev.vmdisk.io.ext4;

/** One name in a directory: {@code inode}, {@code name} (bytes as UTF-8) and the dirent's {@code file_type}. */
public record DirEntry(long inode, String name, int fileType) {
}
