package dev.vmdisk.io.asif;

import dev.vmdisk.io.LongList;
import dev.vmdisk.io.binary.Be;
import dev.vmdisk.io.binary.ReadAt;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one directory maps, read table by table: each written data chunk's virtual chunk number (in
 * increasing order), its physical chunk, whether it is only partly written and then which of its sectors
 * are (the 2-bit states of the group's bitmap chunk, {@code 01} written, {@code 00} not, least significant
 * pair first), and the table and bitmap chunks it uses. Every entry is checked before it is kept: a known
 * state, no reserved bit, a chunk wholly inside the file, a virtual chunk inside the maximum size; so the
 * arrays never hold more entries than the file has chunks ({@link ChunkOwners} refuses a chunk used twice).
 */
final class ChunkMap {
    final long[] virtual;
    final long[] physical;
    /** For each entry: null when fully written, else its bitmap slice (2 bits per sector). */
    final byte[][] written;
    /** For each entry: the byte offset of its table entry, for messages. */
    final long[] entryAt;
    /** Table chunks in use, with the byte offset of the directory entry naming each. */
    final List<long[]> tables;
    /** Bitmap chunks named, with the byte offset of the table entry naming each. */
    final List<long[]> bitmaps;

    private ChunkMap(long[] virtual, long[] physical, byte[][] written, long[] entryAt, List<long[]> tables,
                     List<long[]> bitmaps) {
        this.virtual = virtual;
        this.physical = physical;
        this.written = written;
        this.entryAt = entryAt;
        this.tables = tables;
        this.bitmaps = bitmaps;
    }

    int size() {
        return virtual.length;
    }

    /** The entry for virtual chunk {@code v}, or a negative number when it is not mapped. */
    int find(long v) {
        return Arrays.binarySearch(virtual, v);
    }

    /**
     * Reads every table {@code dir} names. {@code maxChunks} bounds the virtual chunks; entries past the
     * virtual size are refused except {@code metadataChunk} (the metadata lives past the sector count).
     */
    static ChunkMap read(FileChannel host, Path image, AsifDirectory dir, AsifGeometry g, long fileSize,
                         long virtualSize, long maxSize, long metadataChunk, ChunkOwners owners) {
        int cs = g.chunkSize();
        long fileChunks = fileSize / cs; // chunks wholly inside the file
        long maxChunks = (maxSize + cs - 1) / cs;
        long virtualChunks = (virtualSize + cs - 1) / cs;
        LongList v = new LongList();
        LongList p = new LongList();
        LongList at = new LongList();
        List<byte[]> bits = new ArrayList<>();
        List<long[]> tables = new ArrayList<>();
        List<long[]> bitmaps = new ArrayList<>();
        int n = g.chunksPerGroup();
        for (int t = 0; t < dir.tables().length; t++) {
            long tc = dir.tables()[t];
            if (tc == 0) {
                continue;
            }
            owners.claim(tc, "table " + t + " (directory " + dir.name() + " entry at byte " + dir.entryOffset(t) + ")");
            tables.add(new long[] {tc, dir.entryOffset(t)});
            long tableAt = tc * cs;
            ByteBuffer table = ReadAt.fully(host, tableAt, 8 * g.tableEntries(), image, "ASIF table " + t);
            for (int grp = 0; grp < g.groupsPerTable(); grp++) {
                int be = g.bitmapEntryIndex(grp);
                long bitmapEntry = Be.u64(table, 8 * be);
                long bitmapEntryAt = tableAt + 8L * be;
                if ((bitmapEntry & ~ChunkEntry.INDEX_MASK) != 0) {
                    throw AsifHeader.bad(image, "ASIF bitmap entry at byte " + bitmapEntryAt + " (table " + t + ", group "
                            + grp + ") has flag bits 0x" + Long.toHexString(bitmapEntry >>> 55)
                            + "; bitmap entries are described with none");
                }
                long bitmap = bitmapEntry;
                if (bitmap != 0) {
                    if (bitmap >= fileChunks) {
                        throw AsifHeader.bad(image, "ASIF bitmap entry at byte " + bitmapEntryAt + " names chunk " + bitmap
                                + " (byte " + bitmap * cs + "), past the end of the file at byte " + fileSize);
                    }
                    owners.claim(bitmap, "bitmap (table entry at byte " + bitmapEntryAt + ")");
                    bitmaps.add(new long[] {bitmap, bitmapEntryAt});
                }
                ByteBuffer bitmapBytes = null;
                for (int i = 0; i < n; i++) {
                    int e = grp * (n + 1) + i;
                    long entry = Be.u64(table, 8 * e);
                    if (entry == 0) {
                        continue;
                    }
                    long entryAt = tableAt + 8L * e;
                    long vc = t * g.chunksPerTable() + (long) grp * n + i;
                    int state = ChunkEntry.state(entry);
                    long index = ChunkEntry.index(entry);
                    String where = "ASIF table entry at byte " + entryAt + " (virtual byte " + vc * cs + ")";
                    if (ChunkEntry.reserved(entry) != 0) {
                        throw AsifHeader.bad(image, where + " has reserved bits 61-55 set (0x"
                                + Long.toHexString(ChunkEntry.reserved(entry)) + "), which are not described");
                    }
                    if (state != ChunkEntry.FULL && state != ChunkEntry.PARTIAL) {
                        throw AsifHeader.bad(image, where + " has chunk state " + Integer.toBinaryString(state | 4).substring(1)
                                + (state == ChunkEntry.UNWRITTEN ? " with chunk index " + index : "")
                                + ", which is not described (00 with index 0, 01 and 11 are)");
                    }
                    if (index == 0) {
                        throw AsifHeader.bad(image, where + " maps a written chunk to chunk 0, the header");
                    }
                    if (index >= fileChunks) {
                        throw AsifHeader.bad(image, where + " names chunk " + index + " (byte " + index * cs
                                + "), past the end of the file at byte " + fileSize);
                    }
                    if (vc >= maxChunks) {
                        throw AsifHeader.bad(image, where + " lies past the maximum size of " + maxSize + " bytes");
                    }
                    if (vc >= virtualChunks && vc != metadataChunk) {
                        throw AsifHeader.bad(image, where + " maps data past the virtual size of " + virtualSize
                                + " bytes that is not the metadata");
                    }
                    owners.claim(index, (vc == metadataChunk ? "metadata" : "data") + " (table entry at byte " + entryAt + ")");
                    byte[] slice = null;
                    if (state == ChunkEntry.PARTIAL) {
                        if (bitmap == 0) {
                            throw AsifHeader.bad(image, where + " is partly written but its group has no bitmap chunk");
                        }
                        if (bitmapBytes == null) {
                            bitmapBytes = ReadAt.fully(host, bitmap * cs, cs, image, "ASIF bitmap chunk");
                        }
                        slice = slice(image, bitmapBytes, bitmap * cs, i, g, entryAt);
                    }
                    v.add(vc);
                    p.add(index);
                    at.add(entryAt);
                    bits.add(slice);
                }
            }
        }
        return new ChunkMap(v.toArray(), p.toArray(), bits.toArray(new byte[0][]), at.toArray(), tables, bitmaps);
    }

    /** Chunk {@code i}'s part of its group's bitmap, every 2-bit state checked to be 00 or 01. */
    private static byte[] slice(Path image, ByteBuffer bitmap, long bitmapAt, int i, AsifGeometry g, long entryAt) {
        int per = g.bitmapBytesPerChunk();
        byte[] out = new byte[per];
        bitmap.get(i * per, out);
        for (int k = 0; k < per; k++) {
            int b = out[k] & 0xFF;
            // Bit 1 of any pair set means state 10 or 11: not described.
            if ((b & 0xAA) != 0) {
                int pair = Integer.numberOfTrailingZeros(b & 0xAA) / 2;
                throw AsifHeader.bad(image, "ASIF bitmap byte at byte " + (bitmapAt + (long) i * per + k) + " gives sector "
                        + ((long) k * 4 + pair) + " of the chunk mapped at byte " + entryAt + " the state "
                        + Integer.toBinaryString(((b >>> (2 * pair)) & 3) | 4).substring(1)
                        + ", which is not described (00 and 01 are)");
            }
        }
        return out;
    }

    /** Whether sector {@code s} of a partly written chunk is written. */
    static boolean sectorWritten(byte[] slice, int s) {
        return ((slice[s >>> 2] >>> ((s & 3) * 2)) & 3) == 1;
    }
}
