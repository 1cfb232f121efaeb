package dev.vmdisk.io.nativefs;

/** One way a process holds a file, with a detail for people, e.g. {@code fd 7 (read-write)} or {@code write lock 0-EOF}. */
public record Hold(HoldKind kind, String detail) {
}
