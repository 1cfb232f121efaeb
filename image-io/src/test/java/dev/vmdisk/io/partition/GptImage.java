package dev.vmdisk.io.partition;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Writes a GPT disk image by the UEFI spec, at any sector size, for tests sfdisk cannot make
 * (4096-byte sectors). GptImageIT checks its 512-byte output against sfdisk.
 */
final class GptImage {
    static final String LINUX_FS = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";
    static final int ENTRIES = 128;
    static final int ENTRY_SIZE = 128;

    /** One partition: first and last LBA (inclusive), a type GUID and a name. */
    record Part(long firstLba, long lastLba, String type, String name) {
    }

    private GptImage() {
    }

    static Path write(Path file, int sectorSize, long sectors, Part... parts) throws IOException {
        int arraySectors = ENTRIES * ENTRY_SIZE / sectorSize;
        ByteBuffer array = le(ENTRIES * ENTRY_SIZE);
        for (int i = 0; i < parts.length; i++) {
            int at = i * ENTRY_SIZE;
            putGuid(array, at, parts[i].type());
            putGuid(array, at + 16, new UUID(0x1111_0000L + i, 0x8000_0000_0000_0000L + i).toString());
            array.putLong(at + 32, parts[i].firstLba());
            array.putLong(at + 40, parts[i].lastLba());
            byte[] name = parts[i].name().getBytes(StandardCharsets.UTF_16LE);
            array.put(at + 56, name);
        }
        long arrayCrc = crc(array, array.capacity());
        long last = sectors - 1;
        long firstUsable = 2 + arraySectors;
        long lastUsable = last - 1 - arraySectors;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(sectors * sectorSize);
            ByteBuffer mbr = le(512);
            mbr.put(446 + 4, (byte) 0xEE);
            mbr.putInt(446 + 8, 1);
            mbr.putInt(446 + 12, (int) Math.min(last, 0xFFFF_FFFFL));
            mbr.putShort(510, (short) 0xAA55);
            f.seek(0);
            f.write(mbr.array());
            f.seek(2L * sectorSize);
            f.write(array.array());
            f.seek((last - arraySectors) * sectorSize);
            f.write(array.array());
            f.seek(sectorSize);
            f.write(header(sectorSize, 1, last, firstUsable, lastUsable, 2, arrayCrc).array());
            f.seek(last * sectorSize);
            f.write(header(sectorSize, last, 1, firstUsable, lastUsable, last - arraySectors, arrayCrc).array());
        }
        return file;
    }

    private static ByteBuffer header(int sectorSize, long my, long alternate, long firstUsable, long lastUsable,
                                     long entriesLba, long arrayCrc) {
        ByteBuffer h = le(sectorSize);
        h.put(0, "EFI PART".getBytes(StandardCharsets.US_ASCII));
        h.putInt(8, 0x0001_0000);
        h.putInt(12, 92);
        h.putLong(24, my);
        h.putLong(32, alternate);
        h.putLong(40, firstUsable);
        h.putLong(48, lastUsable);
        putGuid(h, 56, "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D");
        h.putLong(72, entriesLba);
        h.putInt(80, ENTRIES);
        h.putInt(84, ENTRY_SIZE);
        h.putInt(88, (int) arrayCrc);
        h.putInt(16, (int) crc(h, 92));
        return h;
    }

    /** Writes a GUID in GPT's mixed-endian layout. */
    static void putGuid(ByteBuffer b, int at, String guid) {
        String hex = guid.replace("-", "");
        byte[] raw = new byte[16];
        for (int i = 0; i < 16; i++) {
            raw[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
        for (int i = 0; i < 16; i++) {
            b.put(at + i, raw[order[i]]);
        }
    }

    static long crc(ByteBuffer b, int length) {
        CRC32 c = new CRC32();
        c.update(b.array(), 0, length);
        return c.getValue();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
