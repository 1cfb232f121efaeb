package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ContentKind;
import dev.vmdisk.io.content.ForeignFormats;
import dev.vmdisk.io.content.ImageContent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a reset checks about the new image before it renames it over the old one: any file that
 * decodes is not an image. Its size must be the old image's (a base cut at a frame boundary, or the
 * wrong base, is caught here) unless {@code --resize} allows a change, and it must hold a partition
 * table or a file system vmdisk recognises unless {@code --any-content} allows anything.
 */
final class InstallCheck {
    private final Path image;
    /** The old image's length, or -1 when there is none. */
    private final long currentSize;
    private final boolean resize;
    private final boolean anyContent;
    /** The old image is an ASIF file: only an ASIF base may replace it, and sizes are its virtual disk's. */
    private final CurrentAsif asif;

    private InstallCheck(Path image, long currentSize, boolean resize, boolean anyContent, CurrentAsif asif) {
        this.image = image;
        this.currentSize = currentSize;
        this.resize = resize;
        this.anyContent = anyContent;
        this.asif = asif;
    }

    /** @param currentSize the old image's length, or -1 when the reset creates it */
    static InstallCheck of(ResetRequest request, Path image, long currentSize) {
        return of(request, image, currentSize, CurrentAsif.NONE);
    }

    /** @param asif whether the old image is ASIF, and its virtual size */
    static InstallCheck of(ResetRequest request, Path image, long currentSize, CurrentAsif asif) {
        return new InstallCheck(image, currentSize, request.resize(), request.anyContent(), asif);
    }

    /** The old image's length, or -1 when there was none. */
    long currentSize() {
        return currentSize;
    }

    /**
     * Before anything is written: the size the base declares (zstd frame headers, a raw base's length),
     * when it declares one, against the old image's. Refuses early, so a wrong base costs no writing.
     */
    void declared(Path base, BaseFormat format, long declared) {
        // An ASIF file's length says nothing of its disk's size: its virtual size is checked once written.
        if (declared != ZstdFrameHeader.UNKNOWN_SIZE && !asif.isAsif()) {
            checkSize(base, declared, format == BaseFormat.RAW ? "is" : "its frames declare");
        }
    }

    /** After the new image is written and synced to {@code temp}, before the rename. */
    void written(Path base, Path temp, long size) {
        if (!asif.isAsif()) {
            checkSize(base, size, "decompresses to");
        }
        if (anyContent && !asif.isAsif()) {
            return;
        }
        ImageContent content;
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.READ)) {
            content = ContentDetector.detect(ch, 0, size, base);
        } catch (IOException e) {
            throw WriteFailures.of(temp, "reading the new image back", e);
        }
        if (asif.isAsif()) {
            asif.checkReplacement(image, base, content, resize);
            return;
        }
        if (content.kind() == ContentKind.UNKNOWN || content.kind() == ContentKind.EMPTY) {
            throw new BadInputException(base + ": decompresses to no partition table or file system vmdisk recognises ("
                    + content.name() + "); pass --any-content to install it anyway");
        }
        // A raw image is expected: the VM would read another program's format (or ASIF) as a raw disk and find
        // its header where the partition table belongs. Recognised is not the same as installable.
        if (ForeignFormats.isForeign(content.kind()) || content.kind() == ContentKind.ASIF) {
            throw new BadInputException(base + ": decompresses to " + content.name() + ", not a raw disk image as "
                    + image.getFileName() + " is; pass --any-content to install it anyway");
        }
    }

    private void checkSize(Path base, long size, String verb) {
        if (resize || currentSize < 0 || size == currentSize) {
            return;
        }
        throw new BadInputException(base + ": " + verb + " " + Sizes.human(size) + " (" + size + " bytes), but "
                + image.getFileName() + " is " + Sizes.human(currentSize) + " (" + currentSize
                + " bytes); the base is cut short or not this image's (pass --resize to change the image's size)");
    }
}
