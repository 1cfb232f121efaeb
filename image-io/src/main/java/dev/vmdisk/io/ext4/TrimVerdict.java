package dev.vmdisk.io.ext4;

/**
 * Whether the free blocks of an ext file system may be punched out of the image, and if not, why
 * and what to do. Zero-punching does not depend on this.
 */
public record TrimVerdict(boolean allowed, String reason) {
    static final TrimVerdict OK = new TrimVerdict(true, "clean");

    static TrimVerdict refuse(String reason) {
        return new TrimVerdict(false, reason);
    }
}
