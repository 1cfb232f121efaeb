package dev.vmdisk.io.nativefs;

/** How {@link NativeFs#open} opens a file. */
public enum Access {
    READ_ONLY,
    READ_WRITE
}
