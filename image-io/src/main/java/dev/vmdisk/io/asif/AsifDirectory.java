package dev.vmdisk.io.asif;

import dev.vmdisk.io.binary.Be;
import dev.vmdisk.io.binary.ReadAt;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One of the two directories: a 64-bit sequence number, then one 8-byte entry per table, the chunk number
 * where that table lives (0: no table, its whole range reads as zeros). The one with the higher sequence
 * number is active; a writer updates the other and flips.
 *
 * @param name     "A" or "B", as the header lists them
 * @param offset   its byte offset in the file
 * @param sequence its sequence number, unsigned
 * @param tables   the table chunk of each directory entry
 */
record AsifDirectory(String name, long offset, long sequence, long[] tables) {

    /** Bytes on disk: the sequence number and {@code T} entries. */
    long length() {
        return 8 + 8L * tables.length;
    }

    /** The byte offset of entry {@code t}, for messages. */
    long entryOffset(int t) {
        return offset + 8 + 8L * t;
    }

    /**
     * Reads the directory at {@code offset}; every table chunk it names must lie wholly inside the file.
     *
     * @throws dev.vmdisk.io.BadInputException when it runs past the end of the file or names a chunk beyond it
     */
    static AsifDirectory read(FileChannel host, Path image, String name, long offset, AsifGeometry g, long fileSize) {
        long length = 8 + 8 * g.tables();
        if (length > ReadAt.MAX_BYTES) {
            throw AsifHeader.bad(image, "ASIF directory " + name + " at byte " + offset + " would have " + g.tables()
                    + " entries, more than vmdisk reads (the maximum sector count is implausibly large)");
        }
        if (offset + length > fileSize) {
            throw AsifHeader.bad(image, "ASIF directory " + name + " at byte " + offset + " needs " + length
                    + " bytes but the file ends at byte " + fileSize + "; the image is truncated");
        }
        ByteBuffer b = ReadAt.fully(host, offset, (int) length, image, "ASIF directory " + name);
        long[] tables = new long[(int) g.tables()];
        long tableBytes = 8L * g.tableEntries();
        for (int t = 0; t < tables.length; t++) {
            long chunk = Be.u64(b, 8 + 8 * t);
            long at = offset + 8 + 8L * t;
            if (chunk != 0 && (chunk < 0 || chunk > fileSize / g.chunkSize()
                    || chunk * g.chunkSize() + tableBytes > fileSize)) {
                throw AsifHeader.bad(image, "ASIF directory " + name + " entry " + t + " at byte " + at + " names table chunk "
                        + Long.toUnsignedString(chunk) + ", past the end of the file at byte " + fileSize);
            }
            tables[t] = chunk;
        }
        return new AsifDirectory(name, offset, Be.u64(b, 0), tables);
    }
}
