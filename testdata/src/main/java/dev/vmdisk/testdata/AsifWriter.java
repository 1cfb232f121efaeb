package dev.vmdisk.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Turns a raw disk image into an ASIF file as the two public write-ups describe the format (Fox-IT's
 * dissect.hypervisor {@code asif.py}/{@code c_asif.py} and huven/asif-format's README), written apart
 * from vmdisk's reader so a shared mistake is less likely. No file made by Apple's tools was available;
 * this is the only source of ASIF files for the tests.
 *
 * <p>Big-endian header at byte 0 ({@code shdw}, version 1, header size 0x200, two directory offsets,
 * UUID, sector count, maximum sector count, chunk size, sector size, metadata chunk), both directories in
 * chunk 0 (sequence number, then one table chunk per {@code D} bytes of the maximum size), tables of
 * {@code C} chunk groups of {@code N = 4 × sector size} data entries and one bitmap entry. A chunk that
 * is all zeros stays unmapped; one with no zero sector is fully written ({@code 01}); one with both is
 * partly written ({@code 11}) and its group gets a bitmap chunk, 2 bits per sector, {@code 01} for the
 * sectors that hold data. Physical chunks are placed in a shuffled order. The metadata ('meta' header and
 * a property list) is mapped at the last chunk of the maximum size, as in the images huven describes.
 */
public final class AsifWriter {
    private int chunkSize = 1 << 20;
    private int sectorSize = 512;
    private boolean activeB;
    private long maxSize = 1L << 52;
    private boolean metadata = true;
    private boolean junkInUnwritten = true;
    private boolean allFull;
    private long seed = 1;

    public AsifWriter chunkSize(int bytes) {
        this.chunkSize = bytes;
        return this;
    }

    public AsifWriter sectorSize(int bytes) {
        this.sectorSize = bytes;
        return this;
    }

    /** Makes directory B the active one (the higher sequence number); A by default. */
    public AsifWriter activeB(boolean b) {
        this.activeB = b;
        return this;
    }

    /** The maximum size in bytes (default 4 PiB); the metadata goes into its last chunk. */
    public AsifWriter maxSize(long bytes) {
        this.maxSize = bytes;
        return this;
    }

    public AsifWriter metadata(boolean m) {
        this.metadata = m;
        return this;
    }

    /**
     * Whether the unwritten sectors of partly written chunks hold 0xEE on the host (default) rather than
     * zeros: a reader that ignores the bitmap then reads them wrong.
     */
    public AsifWriter junkInUnwritten(boolean j) {
        this.junkInUnwritten = j;
        return this;
    }

    /** Marks every chunk holding data fully written, as a guest that wrote whole chunks leaves them. */
    public AsifWriter allFull(boolean f) {
        this.allFull = f;
        return this;
    }

    public AsifWriter seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * Where the writer put things, for tests that check them or mutate them.
     *
     * @param directoryA       byte offset of directory A
     * @param directoryB       byte offset of directory B
     * @param tables           table number → physical chunk
     * @param entries          virtual chunk → byte offset of its table entry (mapped chunks only)
     * @param physical         virtual chunk → physical chunk (the metadata's included)
     * @param partial          virtual chunks written partly
     * @param bitmaps          (table number × C + group) → physical chunk of the group's bitmap
     * @param metadataVirtual  the metadata's virtual chunk, or -1
     * @param structure        host byte ranges {offset, length} of the header and directories, tables, bitmaps and metadata
     */
    public record Layout(Path file, int chunkSize, long directoryA, long directoryB, Map<Long, Long> tables,
                         Map<Long, Long> entries, Map<Long, Long> physical, List<Long> partial, Map<Long, Long> bitmaps,
                         long metadataVirtual, List<long[]> structure) {
    }

    public Layout write(Path raw, Path out) {
        try (FileChannel in = FileChannel.open(raw, StandardOpenOption.READ);
             FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            return write(in, o, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Layout write(FileChannel in, FileChannel o, Path out) throws IOException {
        long virtualSize = in.size();
        if (virtualSize % sectorSize != 0) {
            throw new IllegalArgumentException("raw size " + virtualSize + " is not a whole number of sectors");
        }
        int n = 4 * sectorSize;
        int c = chunkSize / (8 * (n + 1));
        long perTable = (long) c * n;
        long tables = (maxSize + perTable * chunkSize - 1) / (perTable * chunkSize);
        long dirBytes = 8 + 8 * tables;
        long dirA = 0x200;
        long dirB = dirA + ((dirBytes + 511) & -512);
        if (dirB + dirBytes > chunkSize) {
            throw new IllegalArgumentException("directories of " + tables + " entries do not fit in chunk 0");
        }
        int sectorsPerChunk = chunkSize / sectorSize;

        // Classify every virtual chunk.
        TreeMap<Long, byte[]> content = new TreeMap<>(); // virtual chunk -> bytes (mapped ones only)
        TreeMap<Long, boolean[]> written = new TreeMap<>(); // partial chunks -> written sectors
        long chunks = (virtualSize + chunkSize - 1) / chunkSize;
        for (long v = 0; v < chunks; v++) {
            byte[] b = new byte[chunkSize];
            ByteBuffer bb = ByteBuffer.wrap(b, 0, (int) Math.min(chunkSize, virtualSize - v * chunkSize));
            while (bb.hasRemaining() && in.read(bb, v * chunkSize + bb.position()) > 0) {
                // reads until the chunk or the file ends
            }
            boolean[] w = new boolean[sectorsPerChunk];
            int count = 0;
            for (int s = 0; s < sectorsPerChunk; s++) {
                for (int i = s * sectorSize; i < (s + 1) * sectorSize; i++) {
                    if (b[i] != 0) {
                        w[s] = true;
                        count++;
                        break;
                    }
                }
            }
            if (count == 0) {
                continue;
            }
            content.put(v, b);
            if (count < sectorsPerChunk && !allFull) {
                written.put(v, w);
            }
        }
        long metaV = -1;
        if (metadata) {
            metaV = maxSize / chunkSize - 1;
            byte[] m = metadataChunk();
            content.put(metaV, m);
            boolean[] w = new boolean[sectorsPerChunk];
            w[0] = true;
            w[1] = true;
            written.put(metaV, w);
        }

        // What needs a chunk: tables, group bitmaps, data.
        List<String> wants = new ArrayList<>();
        TreeMap<Long, Boolean> tableNeeded = new TreeMap<>();
        TreeMap<Long, Boolean> groupNeeded = new TreeMap<>();
        for (long v : content.keySet()) {
            tableNeeded.put(v / perTable, true);
            if (written.containsKey(v)) {
                groupNeeded.put(v / n, true);
            }
        }
        tableNeeded.keySet().forEach(t -> wants.add("t" + t));
        groupNeeded.keySet().forEach(g -> wants.add("b" + g));
        content.keySet().forEach(v -> wants.add("d" + v));
        Collections.shuffle(wants, new Random(seed));
        Map<String, Long> chunkOf = new LinkedHashMap<>();
        for (int i = 0; i < wants.size(); i++) {
            chunkOf.put(wants.get(i), (long) i + 1);
        }
        long fileChunks = wants.size() + 1L;
        o.truncate(0);

        // Header.
        ByteBuffer h = ByteBuffer.allocate(0x200);
        h.put(0, "shdw".getBytes(StandardCharsets.US_ASCII));
        h.putInt(0x04, 1);
        h.putInt(0x08, 0x200);
        h.putInt(0x0C, 0);
        h.putLong(0x10, dirA);
        h.putLong(0x18, dirB);
        Random r = new Random(seed);
        for (int i = 0; i < 16; i++) {
            h.put(0x20 + i, (byte) r.nextInt());
        }
        h.putLong(0x30, virtualSize / sectorSize);
        h.putLong(0x38, maxSize / sectorSize);
        h.putInt(0x40, chunkSize);
        h.putShort(0x44, (short) sectorSize);
        h.putLong(0x48, metadata ? metaV : 0);
        writeAt(o, h, 0);

        // Directories: the active one names the tables, the other is an older, empty one.
        ByteBuffer active = ByteBuffer.allocate((int) dirBytes);
        active.putLong(0, 7);
        for (long t : tableNeeded.keySet()) {
            active.putLong((int) (8 + 8 * t), chunkOf.get("t" + t));
        }
        ByteBuffer old = ByteBuffer.allocate((int) dirBytes);
        old.putLong(0, 6);
        writeAt(o, activeB ? old : active, dirA);
        writeAt(o, activeB ? active : old, dirB);

        Map<Long, Long> tablesOut = new TreeMap<>();
        Map<Long, Long> entries = new TreeMap<>();
        Map<Long, Long> physical = new TreeMap<>();
        Map<Long, Long> bitmapsOut = new TreeMap<>();
        List<long[]> structure = new ArrayList<>();
        structure.add(new long[] {0, dirB + dirBytes});
        for (long t : tableNeeded.keySet()) {
            long tc = chunkOf.get("t" + t);
            tablesOut.put(t, tc);
            structure.add(new long[] {tc * chunkSize, chunkSize});
            ByteBuffer table = ByteBuffer.allocate(8 * c * (n + 1));
            for (long v : content.subMap(t * perTable, (t + 1) * perTable).keySet()) {
                long k = v - t * perTable;
                int entry = (int) (k + k / n);
                long phys = chunkOf.get("d" + v);
                long state = written.containsKey(v) ? 0b11L : 0b01L;
                table.putLong(8 * entry, state << 62 | phys);
                entries.put(v, tc * chunkSize + 8L * entry);
                physical.put(v, phys);
            }
            for (int g = 0; g < c; g++) {
                long group = t * c + g;
                Long bc = chunkOf.get("b" + group);
                if (bc != null) {
                    table.putLong(8 * (g * (n + 1) + n), bc);
                    bitmapsOut.put(group, bc);
                }
            }
            writeAt(o, table, tc * chunkSize);
        }
        for (Map.Entry<Long, Long> e : bitmapsOut.entrySet()) {
            long g = e.getKey();
            ByteBuffer bm = ByteBuffer.allocate(chunkSize);
            int per = sectorsPerChunk / 4;
            for (long v : content.subMap(g * n, (g + 1) * n).keySet()) {
                int i = (int) (v - g * n);
                boolean[] w = written.get(v);
                for (int s = 0; s < sectorsPerChunk; s++) {
                    if (w == null || w[s]) {
                        int at = i * per + s / 4;
                        bm.put(at, (byte) (bm.get(at) | 1 << (s % 4) * 2));
                    }
                }
            }
            structure.add(new long[] {e.getValue() * chunkSize, chunkSize});
            writeAt(o, bm, e.getValue() * chunkSize);
        }
        for (Map.Entry<Long, byte[]> e : content.entrySet()) {
            long v = e.getKey();
            long at = chunkOf.get("d" + v) * chunkSize;
            byte[] b = e.getValue();
            boolean[] w = written.get(v);
            if (v == metaV) {
                structure.add(new long[] {at, chunkSize});
            }
            if (w == null) {
                writeAt(o, ByteBuffer.wrap(b), at);
                continue;
            }
            for (int s = 0; s < sectorsPerChunk; s++) {
                if (w[s]) {
                    writeAt(o, ByteBuffer.wrap(b, s * sectorSize, sectorSize).slice(), at + (long) s * sectorSize);
                } else if (junkInUnwritten) {
                    byte[] junk = new byte[sectorSize];
                    java.util.Arrays.fill(junk, (byte) 0xEE);
                    writeAt(o, ByteBuffer.wrap(junk), at + (long) s * sectorSize);
                }
            }
        }
        // Every chunk wholly inside the file, as a writer that grows the file a chunk at a time leaves it.
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(out.toFile(), "rw")) {
            raf.setLength(fileChunks * chunkSize);
        }
        structure.sort((x, y) -> Long.compare(x[0], y[0]));
        return new Layout(out, chunkSize, dirA, dirB, tablesOut, entries, physical, List.copyOf(written.keySet()),
                bitmapsOut, metaV, structure);
    }

    private byte[] metadataChunk() {
        String plist = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
                + "\t<key>internal metadata</key>\n\t<dict>\n\t\t<key>stable uuid</key>\n"
                + "\t\t<string>0b1e7a55-0000-4000-8000-00000000a51f</string>\n\t</dict>\n"
                + "\t<key>user metadata</key>\n\t<dict/>\n</dict>\n</plist>\n";
        byte[] p = plist.getBytes(StandardCharsets.UTF_8);
        ByteBuffer m = ByteBuffer.allocate(chunkSize);
        m.put(0, "meta".getBytes(StandardCharsets.US_ASCII));
        m.putInt(4, 1);
        m.putInt(8, 0x200);
        m.putLong(0x0C, p.length);
        m.put(0x200, p);
        return m.array();
    }

    private static void writeAt(FileChannel o, ByteBuffer b, long at) throws IOException {
        ByteBuffer d = b.duplicate();
        d.position(0);
        while (d.hasRemaining()) {
            o.write(d, at + d.position());
        }
    }

}
