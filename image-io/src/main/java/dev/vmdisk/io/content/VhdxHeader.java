package dev.vmdisk.io.content;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;
import dev.vmdisk.io.binary.ReadAt;
import dev.vmdisk.io.partition.Guid;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A VHDX file ([MS-VHDX]): the file identifier "vhdxfile" at byte 0, the region table at 192 KiB, and in
 * the metadata region the Virtual Disk Size item, all little-endian. Only what names the image and its
 * virtual size is read; every offset is checked against the file first.
 *
 * @param virtualSize the Virtual Disk Size item, in bytes
 */
record VhdxHeader(long virtualSize) {
    static final long REGION_TABLE = 192 * 1024;
    static final int REGION_TABLE_LENGTH = 64 * 1024;
    static final long REGION_SIGNATURE = 0x69676572L; // "regi"
    static final int REGION_COUNT = 8;
    static final int REGION_ENTRIES = 16;
    static final int METADATA_TABLE_LENGTH = 64 * 1024;
    static final int METADATA_COUNT = 10;
    static final int METADATA_ENTRIES = 32;
    /** At most 2047 entries in either table ([MS-VHDX] 2.2.3 and 2.6.1). */
    static final int MAX_ENTRIES = 2047;
    static final String METADATA_REGION = "8B7CA206-4790-4B9A-B8FE-575F050F886E";
    static final String VIRTUAL_DISK_SIZE = "2FA54224-CD1B-4876-B211-5DBED83BF4B8";
    private static final byte[] IDENTIFIER = {'v', 'h', 'd', 'x', 'f', 'i', 'l', 'e'};
    private static final byte[] METADATA_SIGNATURE = {'m', 'e', 't', 'a', 'd', 'a', 't', 'a'};

    static boolean matches(ByteBuffer head) {
        return Bytes.equalAt(head, 0, IDENTIFIER);
    }

    /** @throws BadInputException when a table is missing or points past the end of the file */
    static VhdxHeader read(FileChannel ch, long fileLength, Path image) {
        ByteBuffer regions = table(ch, REGION_TABLE, REGION_TABLE_LENGTH, fileLength, image, "VHDX region table");
        if (Le.u32(regions, 0) != REGION_SIGNATURE) {
            throw bad(image, "VHDX region table", REGION_TABLE, "has no \"regi\" signature");
        }
        long count = Le.u32(regions, REGION_COUNT);
        if (count > MAX_ENTRIES) {
            throw bad(image, "VHDX region table", REGION_TABLE, "claims " + count + " entries (at most " + MAX_ENTRIES + ")");
        }
        for (int i = 0; i < count; i++) {
            int e = REGION_ENTRIES + 32 * i;
            if (Guid.parse(regions, e).text().equals(METADATA_REGION)) {
                return new VhdxHeader(virtualSize(ch, Le.u64(regions, e + 16), fileLength, image));
            }
        }
        throw bad(image, "VHDX region table", REGION_TABLE, "has no metadata region");
    }

    private static long virtualSize(FileChannel ch, long at, long fileLength, Path image) {
        ByteBuffer meta = table(ch, at, METADATA_TABLE_LENGTH, fileLength, image, "VHDX metadata table");
        if (!Bytes.equalAt(meta, 0, METADATA_SIGNATURE)) {
            throw bad(image, "VHDX metadata table", at, "has no \"metadata\" signature");
        }
        int count = Le.u16(meta, METADATA_COUNT);
        if (count > MAX_ENTRIES) {
            throw bad(image, "VHDX metadata table", at, "claims " + count + " entries (at most " + MAX_ENTRIES + ")");
        }
        for (int i = 0; i < count; i++) {
            int e = METADATA_ENTRIES + 32 * i;
            if (Guid.parse(meta, e).text().equals(VIRTUAL_DISK_SIZE)) {
                long item = at + Le.u32(meta, e + 16);
                if (Le.u32(meta, e + 20) != 8 || item + 8 > fileLength) {
                    throw bad(image, "VHDX Virtual Disk Size item", item, "is not 8 bytes inside the file");
                }
                return Le.u64(ReadAt.fully(ch, item, 8, image, "VHDX Virtual Disk Size item"), 0);
            }
        }
        throw bad(image, "VHDX metadata table", at, "has no Virtual Disk Size item");
    }

    private static ByteBuffer table(FileChannel ch, long at, int length, long fileLength, Path image, String what) {
        if (at < 0 || at > fileLength - length) {
            throw bad(image, what, at, "lies past the end of the file at byte " + fileLength + "; the image is truncated");
        }
        return ReadAt.fully(ch, at, length, image, what);
    }

    private static BadInputException bad(Path image, String what, long at, String problem) {
        return new BadInputException(image + ": " + what + " at byte " + at + " " + problem
                + "; vmdisk cannot name this VHDX's size (check it with qemu-img check)");
    }

    Found found() {
        return ForeignFormats.found(ContentKind.VHDX, new ContentFacts.Vhdx(), virtualSize);
    }
}
