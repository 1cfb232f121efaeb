package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * The "koly" trailer in the last 512 bytes of an Apple UDIF disk image ({@code .dmg}), big-endian
 * ({@code UDIFResourceFile}, as libyal's libmodi and dmg2img document it).
 *
 * @param version     {@code Version}
 * @param virtualSize {@code SectorCount} times 512
 */
record UdifTrailer(long version, long virtualSize) {
    static final int LENGTH = 512;
    static final int VERSION = 4;
    static final int HEADER_SIZE = 8;
    static final int SECTOR_COUNT = 492;
    private static final byte[] MAGIC = {'k', 'o', 'l', 'y'};

    /** Whether {@code tail} (the file's last 512 bytes) is a koly trailer that says it is 512 bytes long. */
    static boolean matches(ByteBuffer tail) {
        return tail.limit() == LENGTH && Bytes.equalAt(tail, 0, MAGIC) && Le.be32(tail, HEADER_SIZE) == LENGTH;
    }

    static UdifTrailer parse(ByteBuffer tail) {
        long sectors = Le.be64(tail, SECTOR_COUNT);
        return new UdifTrailer(Le.be32(tail, VERSION), Found.bytes(sectors, 512));
    }

    Found found() {
        return ForeignFormats.found(ContentKind.UDIF, new ContentFacts.Udif(version), virtualSize);
    }
}
