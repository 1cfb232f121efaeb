package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.asif.AsifHeader;
import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.binary.ReadAt;
import dev.vmdisk.io.content.ContentKind;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFileChannel;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Whether the image a reset replaces is an ASIF file, and its virtual size. Such an image is only ever
 * replaced by an ASIF image (the app made it ASIF; a raw file in its place is a format vmdisk cannot
 * promise the app accepts), whose virtual disk has the same size unless {@code --resize}. Only the old
 * image's header is read: a damaged map is exactly what a reset is for.
 *
 * @param isAsif      the old image starts with the ASIF magic
 * @param virtualSize its virtual disk's size, or -1 when its header cannot be read
 */
record CurrentAsif(boolean isAsif, long virtualSize) {
    static final CurrentAsif NONE = new CurrentAsif(false, -1);

    /** Reads the magic (and the header, when it is there) of the open old image. */
    static CurrentAsif of(NativeFile current) {
        if (current == null) {
            return NONE;
        }
        FileChannel ch = new NativeFileChannel(current);
        if (!AsifImage.isAsif(ch)) {
            return NONE;
        }
        try {
            long size = AsifHeader.parse(ReadAt.fully(ch, 0, AsifHeader.SIZE, current.path(), "ASIF header"),
                    current.apparentSize(), current.path()).virtualSize();
            return new CurrentAsif(true, size);
        } catch (BadInputException e) {
            return new CurrentAsif(true, -1);
        }
    }

    /** After the new image is written: it must be ASIF too, of the same virtual size unless resizing. */
    void checkReplacement(Path image, Path base, ImageContent content, boolean resize) {
        if (content.kind() != ContentKind.ASIF) {
            throw new BadInputException(image.getFileName() + " is an ASIF image but " + base + " decompresses to "
                    + content.name() + ", not ASIF; vmdisk reset replaces an ASIF image only with an ASIF base");
        }
        long size = content.virtualDisk().virtualBytes();
        if (!resize && virtualSize >= 0 && size != virtualSize) {
            throw new BadInputException(base + ": its ASIF virtual disk is " + Sizes.human(size) + " (" + size + " bytes), but "
                    + image.getFileName() + "'s is " + Sizes.human(virtualSize) + " (" + virtualSize
                    + " bytes); pass --resize to change the image's size");
        }
    }
}
