package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * The qcow2 header at byte 0 (QEMU's docs/interop/qcow2.txt), big-endian.
 *
 * @param version     {@code version}: 2 or 3
 * @param virtualSize {@code size}: the virtual disk's length in bytes
 * @param hasBacking  {@code backing_file_offset} is not 0: the image is a layer over another file
 */
record Qcow2Header(long version, long virtualSize, boolean hasBacking) {
    static final int MAGIC_AT = 0;
    static final int VERSION = 4;
    static final int BACKING_FILE_OFFSET = 8;
    static final int SIZE = 24;
    static final long MAGIC = 0x514649FBL; // "QFI\xfb"

    static boolean matches(ByteBuffer head) {
        return head.limit() >= 72 && Le.be32(head, MAGIC_AT) == MAGIC;
    }

    static Qcow2Header parse(ByteBuffer head) {
        return new Qcow2Header(Le.be32(head, VERSION), Le.be64(head, SIZE), Le.be64(head, BACKING_FILE_OFFSET) != 0);
    }

    Found found() {
        return ForeignFormats.found(ContentKind.QCOW2, new ContentFacts.Qcow2(version, hasBacking), virtualSize);
    }
}
