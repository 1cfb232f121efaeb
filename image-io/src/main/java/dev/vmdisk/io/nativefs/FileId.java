package dev.vmdisk.io.nativefs;

/** A file's identity on this machine: device and inode, as {@code stat} reports them. */
public record FileId(long device, long inode) {
}
