package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * The header of Apple's sparse disk image ({@code .sparseimage}), big-endian, as libyal's libmodi
 * documents it: "sprs", a version (3 seen), sectors per band, and the media size in 512-byte sectors.
 *
 * @param version        the field at byte 4
 * @param sectorsPerBand the band size in sectors
 * @param virtualSize    the media size in bytes
 */
record SparseImageHeader(long version, long sectorsPerBand, long virtualSize) {
    static final int VERSION = 4;
    static final int SECTORS_PER_BAND = 8;
    static final int MEDIA_SECTORS = 16;
    private static final byte[] MAGIC = {'s', 'p', 'r', 's'};

    static boolean matches(ByteBuffer head) {
        return head.limit() >= 64 && Bytes.equalAt(head, 0, MAGIC);
    }

    static SparseImageHeader parse(ByteBuffer head) {
        return new SparseImageHeader(Le.be32(head, VERSION), Le.be32(head, SECTORS_PER_BAND),
                Le.be32(head, MEDIA_SECTORS) * 512);
    }

    Found found() {
        return ForeignFormats.found(ContentKind.SPARSEIMAGE,
                new ContentFacts.SparseImage(version, Found.bytes(sectorsPerBand, 512)), virtualSize);
    }
}
