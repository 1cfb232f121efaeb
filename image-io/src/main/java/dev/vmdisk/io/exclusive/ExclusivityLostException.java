package dev.vmdisk.io.exclusive;

import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.nativefs.HolderReport;

/**
 * Another process opened (or truncated) the image while vmdisk was changing it, so vmdisk stopped at its
 * next step, before releasing the image to that process. What vmdisk had done by then is consistent (a
 * punched free block or zero block reads as what it held), so nothing is lost; exit 3.
 */
public final class ExclusivityLostException extends ImageInUseException {
    private static final long serialVersionUID = 1L;

    public ExclusivityLostException(String message, HolderReport holders) {
        super(message, holders);
    }
}
