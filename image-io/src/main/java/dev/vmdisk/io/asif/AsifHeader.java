package dev.vmdisk.io.asif;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Be;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The header at byte 0 of an ASIF file, all integers big-endian, as Fox-IT's dissect.hypervisor
 * ({@code asif_header}) and the huven/asif-format write-up both lay it out. Only what both agree on is
 * used; {@code parse} refuses any value outside what they describe.
 *
 * @param version          {@code header_version} (0x04): 1 is the only one described
 * @param headerSize       {@code header_size} (0x08): 0x200 seen
 * @param flags            {@code header_flags} (0x0C)
 * @param directoryA       {@code directory_offsets[0]} (0x10), a byte offset
 * @param directoryB       {@code directory_offsets[1]} (0x18), a byte offset
 * @param uuid             {@code guid} (0x20)
 * @param sectorCount      {@code sector_count} (0x30): the virtual disk's size in sectors
 * @param maxSectorCount   {@code max_sector_count} (0x38): how far the virtual disk may grow
 * @param chunkSize        {@code chunk_size} (0x40), bytes
 * @param sectorSize       {@code block_size} (0x44), bytes
 * @param metadataChunk    {@code metadata_chunk} (0x48): virtual chunk number of the metadata, 0 for none
 */
public record AsifHeader(long version, long headerSize, long flags, long directoryA, long directoryB, String uuid,
                         long sectorCount, long maxSectorCount, int chunkSize, int sectorSize, long metadataChunk) {
    /** 'shdw' */
    public static final long MAGIC = 0x73686477L;
    /** What {@link #parse} reads: up to and including {@code metadata_chunk}. */
    public static final int SIZE = 0x50;
    static final int MAGIC_AT = 0x00;
    static final int VERSION = 0x04;
    static final int HEADER_SIZE = 0x08;
    static final int FLAGS = 0x0C;
    static final int DIRECTORY_A = 0x10;
    static final int DIRECTORY_B = 0x18;
    static final int UUID = 0x20;
    static final int SECTOR_COUNT = 0x30;
    static final int MAX_SECTOR_COUNT = 0x38;
    static final int CHUNK_SIZE = 0x40;
    static final int SECTOR_SIZE = 0x44;
    static final int METADATA_CHUNK = 0x48;

    /** Chunk sizes vmdisk reads: powers of two from 32 KiB (one chunk group per table at 512-byte sectors) to 16 MiB. */
    static final int MIN_CHUNK = 1 << 15;
    static final int MAX_CHUNK = 1 << 24;

    /** Whether {@code b} starts with the ASIF magic. */
    public static boolean matches(ByteBuffer b) {
        return b.limit() >= 4 && Be.u32(b, MAGIC_AT) == MAGIC;
    }

    /**
     * Parses and checks the header in the first {@link #SIZE} bytes of {@code b}.
     *
     * @param fileSize the host file's length, which every offset must lie inside
     * @throws BadInputException naming the field and its byte offset when a value is not one vmdisk understands
     */
    public static AsifHeader parse(ByteBuffer b, long fileSize, Path image) {
        if (b.limit() < SIZE || !matches(b)) {
            throw bad(image, "no ASIF magic 'shdw' at byte 0");
        }
        long version = Be.u32(b, VERSION);
        if (version != 1) {
            throw bad(image, "ASIF header version " + version + " at byte " + VERSION + " is not version 1, the only one described");
        }
        long headerSize = Be.u32(b, HEADER_SIZE);
        if (headerSize < SIZE || headerSize > MAX_CHUNK) {
            throw bad(image, "ASIF header size " + headerSize + " at byte " + HEADER_SIZE + " is outside " + SIZE + ".." + MAX_CHUNK);
        }
        long chunk = Be.u32(b, CHUNK_SIZE);
        if (chunk < MIN_CHUNK || chunk > MAX_CHUNK || Long.bitCount(chunk) != 1) {
            throw bad(image, "ASIF chunk size " + chunk + " at byte " + CHUNK_SIZE
                    + " is not a power of two from " + MIN_CHUNK + " to " + MAX_CHUNK);
        }
        int sector = Be.u16(b, SECTOR_SIZE);
        if (sector != 512 && sector != 4096) {
            throw bad(image, "ASIF sector size " + sector + " at byte " + SECTOR_SIZE + " is neither 512 nor 4096");
        }
        if (chunk < 8L * (4L * sector + 1)) {
            throw bad(image, "ASIF chunk size " + chunk + " at byte " + CHUNK_SIZE + " holds no chunk group of "
                    + sector + "-byte sectors");
        }
        long sectors = Be.u64(b, SECTOR_COUNT);
        long maxSectors = Be.u64(b, MAX_SECTOR_COUNT);
        // 2^55 chunks is what a table entry can address; 2^62 bytes keeps every product below in a long.
        long limit = (1L << 62) / sector;
        if (maxSectors <= 0 || maxSectors > limit) {
            throw bad(image, "ASIF maximum sector count " + Long.toUnsignedString(maxSectors) + " at byte "
                    + MAX_SECTOR_COUNT + " is outside 1.." + limit);
        }
        if (sectors < 0 || sectors > maxSectors) {
            throw bad(image, "ASIF sector count " + Long.toUnsignedString(sectors) + " at byte " + SECTOR_COUNT
                    + " exceeds the maximum sector count " + maxSectors);
        }
        long dirA = Be.u64(b, DIRECTORY_A);
        long dirB = Be.u64(b, DIRECTORY_B);
        checkDirectoryOffset(image, "A", DIRECTORY_A, dirA, headerSize, fileSize);
        checkDirectoryOffset(image, "B", DIRECTORY_B, dirB, headerSize, fileSize);
        long metadata = Be.u64(b, METADATA_CHUNK);
        byte[] id = new byte[16];
        b.get(UUID, id);
        String uuid = HexFormat.of().formatHex(id);
        uuid = uuid.substring(0, 8) + "-" + uuid.substring(8, 12) + "-" + uuid.substring(12, 16) + "-"
                + uuid.substring(16, 20) + "-" + uuid.substring(20);
        return new AsifHeader(version, headerSize, Be.u32(b, FLAGS), dirA, dirB, uuid, sectors, maxSectors, (int) chunk,
                sector, metadata);
    }

    private static void checkDirectoryOffset(Path image, String which, int field, long offset, long headerSize, long fileSize) {
        if (offset < headerSize || offset >= fileSize) {
            throw bad(image, "ASIF directory " + which + " offset " + Long.toUnsignedString(offset) + " (header byte " + field
                    + ") does not lie between the header's end (" + headerSize
                    + ") and the end of the file (" + fileSize + ")");
        }
    }

    /** The virtual disk's size in bytes: sector count × sector size. */
    public long virtualSize() {
        return sectorCount * sectorSize;
    }

    /** How far the virtual disk may grow, in bytes; the metadata lives in its last part. */
    public long maxSize() {
        return maxSectorCount * sectorSize;
    }

    static BadInputException bad(Path image, String message) {
        return new BadInputException(image + ": " + message + "; vmdisk leaves this image alone");
    }
}
