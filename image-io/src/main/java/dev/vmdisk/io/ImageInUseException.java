package dev.vmdisk.io;

import dev.vmdisk.io.nativefs.HolderReport;

/** Another process holds the image, so vmdisk left it alone. The CLI exits 3. */
public class ImageInUseException extends VmdiskException {
    private static final long serialVersionUID = 1L;
    private final transient HolderReport holders;

    public ImageInUseException(String message, HolderReport holders) {
        super(FailureKind.IN_USE, message);
        this.holders = holders;
    }

    /** Who holds the image, as found; may be {@code null} when only vmdisk's own lock was refused. */
    public HolderReport holders() {
        return holders;
    }
}
