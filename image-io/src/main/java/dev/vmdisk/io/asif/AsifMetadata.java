package dev.vmdisk.io.asif;

import dev.vmdisk.io.binary.Be;
import dev.vmdisk.io.binary.ReadAt;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The metadata header at the header's metadata location (a virtual address past the sector count,
 * resolved through the map like data): magic {@code meta}, a version and a header size, then an XML
 * property list. The two write-ups disagree on the 64-bit field at 0x0C (Fox-IT: the property list's
 * size; huven/asif-format: its offset), so vmdisk reads neither it nor the list: it only checks that the
 * metadata is there and of the described version, and never punches its chunk.
 *
 * @param virtualOffset where it lies on the virtual disk
 * @param version       {@code header_version}
 * @param headerSize    {@code header_size}
 */
record AsifMetadata(long virtualOffset, long version, long headerSize) {
    static final long MAGIC = 0x6D657461L; // 'meta'
    static final int VERSION = 0x04;
    static final int HEADER_SIZE = 0x08;

    /** @param disk the virtual disk, readable up to the maximum size */
    static AsifMetadata read(FileChannel disk, long virtualOffset, int chunkSize, Path image) {
        ByteBuffer b = ReadAt.fully(disk, virtualOffset, 16, image, "ASIF metadata");
        String where = "ASIF metadata at virtual byte " + virtualOffset;
        if (Be.u32(b, 0) != MAGIC) {
            throw AsifHeader.bad(image, where + " (header byte " + AsifHeader.METADATA_CHUNK + ") has no 'meta' magic");
        }
        long version = Be.u32(b, VERSION);
        if (version != 1) {
            throw AsifHeader.bad(image, where + " has version " + version + " at its byte " + VERSION
                    + ", not version 1, the only one described");
        }
        long headerSize = Be.u32(b, HEADER_SIZE);
        if (headerSize < 16 || headerSize > chunkSize) {
            throw AsifHeader.bad(image, where + " has header size " + headerSize + " at its byte " + HEADER_SIZE
                    + ", outside 16.." + chunkSize);
        }
        return new AsifMetadata(virtualOffset, version, headerSize);
    }
}
