package dev.vmdisk.io.bundle;

import dev.vmdisk.io.reset.BaseFormat;

import java.nio.file.Path;

/**
 * A base beside an image ({@code rootfs.img.zst} beside {@code rootfs.img}), the file {@code vmdisk reset} rebuilds from.
 *
 * @param path    the base file
 * @param bytes   its length
 * @param format  its format, told from its bytes
 * @param claimed the format its name claims; {@code vmdisk reset} refuses a base whose bytes say otherwise
 */
public record BaseFile(Path path, long bytes, BaseFormat format, BaseFormat claimed) {

    /** Whether {@code vmdisk reset} would read it: false when the name claims a compression the bytes are not in. */
    public boolean usableByReset() {
        return claimed == BaseFormat.RAW || format == claimed;
    }
}
