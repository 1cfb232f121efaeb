package dev.vmdisk.io.asif;

import dev.vmdisk.io.binary.ReadAt;
import dev.vmdisk.io.scan.Extent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ASIF file (Apple Sparse Image Format, macOS 26), read and checked whole before anything trusts it:
 * the header, both directories (the active one has the higher sequence number; equal numbers are
 * refused), every table, chunk group and bitmap either directory names, and the metadata. Any index past
 * the end of the file, chunk used twice, unknown version or state is a {@link dev.vmdisk.io.BadInputException}
 * naming the structure and its byte offset. Reads only, through the channel it is given.
 *
 * <p>{@link #disk()} is the guest's byte stream; {@link #forEachHostPiece} and {@link #dataChunkExtents}
 * say which host bytes may be punched: only inside data chunks of the active map that nothing else (a
 * table, a bitmap, the metadata, the other directory's map) uses, and only where they hold guest bytes.
 */
public final class AsifImage {
    private final Path image;
    private final FileChannel host;
    private final long fileSize;
    private final AsifHeader header;
    private final AsifGeometry geometry;
    private final AsifDirectory active;
    private final AsifDirectory inactive;
    final ChunkMap map;
    private final boolean[] punchable;
    private final List<Extent> structure;
    private final AsifMetadata metadata;

    private AsifImage(Path image, FileChannel host, long fileSize, AsifHeader header, AsifGeometry geometry,
                      AsifDirectory active, AsifDirectory inactive, ChunkMap map, boolean[] punchable,
                      List<Extent> structure, AsifMetadata metadata) {
        this.image = image;
        this.host = host;
        this.fileSize = fileSize;
        this.header = header;
        this.geometry = geometry;
        this.active = active;
        this.inactive = inactive;
        this.map = map;
        this.punchable = punchable;
        this.structure = structure;
        this.metadata = metadata;
    }

    /** Whether the file on {@code ch} starts with the ASIF magic {@code shdw}. */
    public static boolean isAsif(FileChannel ch) {
        try {
            if (ch.size() < AsifHeader.SIZE) {
                return false;
            }
            ByteBuffer b = ByteBuffer.allocate(4);
            while (b.hasRemaining()) {
                if (ch.read(b, b.position()) < 0) {
                    return false;
                }
            }
            return AsifHeader.matches(b.flip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks the ASIF file on {@code host}.
     *
     * @throws dev.vmdisk.io.BadInputException naming the structure and its byte offset when anything is not as described
     */
    public static AsifImage read(FileChannel host, Path image) {
        long fileSize;
        try {
            fileSize = host.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (fileSize < AsifHeader.SIZE) {
            throw AsifHeader.bad(image, "the file (" + fileSize + " bytes) is shorter than an ASIF header");
        }
        AsifHeader h = AsifHeader.parse(ReadAt.fully(host, 0, AsifHeader.SIZE, image, "ASIF header"), fileSize, image);
        AsifGeometry g = AsifGeometry.of(h);
        int cs = h.chunkSize();
        long metadataChunk = h.metadataChunk() == 0 ? -1 : h.metadataChunk();
        if (h.metadataChunk() != 0 && (h.metadataChunk() < 0 || metadataChunk > h.maxSize() / cs || metadataChunk * cs < h.virtualSize()
                || metadataChunk * cs >= h.maxSize())) {
            throw AsifHeader.bad(image, "ASIF metadata location " + Long.toUnsignedString(h.metadataChunk()) + " (header byte "
                    + AsifHeader.METADATA_CHUNK + ") is not a chunk past the virtual size and inside the maximum size");
        }
        AsifDirectory a = AsifDirectory.read(host, image, "A", h.directoryA(), g, fileSize);
        AsifDirectory b = AsifDirectory.read(host, image, "B", h.directoryB(), g, fileSize);
        if (a.offset() < b.offset() + b.length() && b.offset() < a.offset() + a.length()) {
            throw AsifHeader.bad(image, "ASIF directories A (byte " + a.offset() + ") and B (byte " + b.offset() + ") overlap");
        }
        int order = Long.compareUnsigned(a.sequence(), b.sequence());
        if (order == 0) {
            throw AsifHeader.bad(image, "ASIF directories A (byte " + a.offset() + ") and B (byte " + b.offset()
                    + ") have the same sequence number " + Long.toUnsignedString(a.sequence()) + "; which one is current cannot be told");
        }
        AsifDirectory active = order > 0 ? a : b;
        AsifDirectory inactive = order > 0 ? b : a;
        List<Extent> fixed = List.of(new Extent(0, h.headerSize()), new Extent(a.offset(), a.length()),
                new Extent(b.offset(), b.length()));
        ChunkOwners owners = owners(image, cs, fixed);
        ChunkMap map = ChunkMap.read(host, image, active, g, fileSize, h.virtualSize(), h.maxSize(), metadataChunk, owners);
        ChunkMap old = ChunkMap.read(host, image, inactive, g, fileSize, h.virtualSize(), h.maxSize(), metadataChunk,
                owners(image, cs, fixed));
        Set<Long> keep = otherUses(map, old);
        long virtualChunks = (h.virtualSize() + cs - 1) / cs;
        boolean[] punchable = new boolean[map.size()];
        List<Extent> structure = new ArrayList<>(fixed);
        for (int k = 0; k < map.size(); k++) {
            punchable[k] = map.virtual[k] < virtualChunks && map.virtual[k] != metadataChunk && !keep.contains(map.physical[k]);
            if (map.virtual[k] == metadataChunk) {
                structure.add(new Extent(map.physical[k] * cs, cs));
            }
        }
        map.tables.forEach(t -> structure.add(new Extent(t[0] * cs, cs)));
        map.bitmaps.forEach(t -> structure.add(new Extent(t[0] * cs, cs)));
        structure.sort(Comparator.comparingLong(Extent::offset));
        AsifImage img = new AsifImage(image, host, fileSize, h, g, active, inactive, map, punchable, List.copyOf(structure), null);
        if (metadataChunk < 0) {
            return img;
        }
        AsifMetadata meta = AsifMetadata.read(new AsifDisk(img, h.maxSize()), metadataChunk * cs, cs, image);
        return new AsifImage(image, host, fileSize, h, g, active, inactive, map, punchable, img.structure, meta);
    }

    private static ChunkOwners owners(Path image, int cs, List<Extent> fixed) {
        ChunkOwners owners = new ChunkOwners(image, cs);
        Set<Long> done = new HashSet<>();
        for (Extent e : fixed) {
            for (long c = e.offset() / cs; c <= (e.end() - 1) / cs; c++) {
                if (done.add(c)) {
                    owners.claim(c, "the header and directories");
                }
            }
        }
        return owners;
    }

    /**
     * Chunks the inactive directory uses otherwise than the active one does (its tables and bitmaps, and
     * data chunks it maps elsewhere): a writer that fell back to it would still find them as they were.
     */
    private static Set<Long> otherUses(ChunkMap active, ChunkMap old) {
        Set<Long> keep = new HashSet<>();
        old.tables.forEach(t -> keep.add(t[0]));
        old.bitmaps.forEach(t -> keep.add(t[0]));
        for (int k = 0; k < old.size(); k++) {
            int i = active.find(old.virtual[k]);
            if (i < 0 || active.physical[i] != old.physical[k]) {
                keep.add(old.physical[k]);
            }
        }
        return keep;
    }

    public Path path() {
        return image;
    }

    public AsifHeader header() {
        return header;
    }

    public AsifGeometry geometry() {
        return geometry;
    }

    /** "A" or "B": the directory with the higher sequence number. */
    public String activeDirectory() {
        return active.name();
    }

    public long activeSequence() {
        return active.sequence();
    }

    public long inactiveSequence() {
        return inactive.sequence();
    }

    /** Whether the header names a metadata location (it is then checked to hold a 'meta' header). */
    public boolean hasMetadata() {
        return metadata != null;
    }

    public long fileSize() {
        return fileSize;
    }

    /** The guest's disk size: sector count × sector size. */
    public long virtualSize() {
        return header.virtualSize();
    }

    /** Bytes of the virtual disk that lie in mapped chunks (fully or partly written); the rest reads as zeros. */
    public long mappedBytes() {
        long total = 0;
        for (int k = 0; k < map.size(); k++) {
            total += Math.max(0, Math.min(geometry.chunkSize(), virtualSize() - map.virtual[k] * geometry.chunkSize()));
        }
        return total;
    }

    /** How many data chunks the active map names, the metadata's included. */
    public int mappedChunks() {
        return map.size();
    }

    /** The guest's byte stream: a read-only channel of {@link #virtualSize()} bytes; unwritten ranges read as zeros. */
    public FileChannel disk() {
        return new AsifDisk(this, virtualSize());
    }

    /**
     * The host ranges of the header, directories, tables, bitmaps and metadata chunk, sorted by offset:
     * what vmdisk never punches (tests check them byte for byte).
     */
    public List<Extent> structureExtents() {
        return structure;
    }

    /** Receives host ranges and the virtual offset they hold. */
    public interface HostPieceSink {
        void piece(long hostOffset, long length, long virtualOffset);
    }

    /**
     * The parts of virtual range {@code [from, to)} that lie in punchable data chunks, as host ranges, in
     * virtual order. Unmapped parts, the metadata, anything past the virtual size and any chunk another
     * structure uses are left out.
     */
    public void forEachHostPiece(long from, long to, HostPieceSink sink) {
        int cs = geometry.chunkSize();
        long end = Math.min(to, virtualSize());
        long pos = Math.max(0, from);
        while (pos < end) {
            long v = pos / cs;
            long chunkEnd = Math.min((v + 1) * cs, end);
            int k = map.find(v);
            if (k < 0) {
                // Skip to the next mapped chunk: a free run over a mostly unmapped disk stays cheap.
                int next = -k - 1;
                if (next >= map.size()) {
                    return;
                }
                pos = Math.max(chunkEnd, map.virtual[next] * cs);
                continue;
            }
            if (punchable[k]) {
                sink.piece(map.physical[k] * cs + (pos - v * cs), chunkEnd - pos, pos);
            }
            pos = chunkEnd;
        }
    }

    /**
     * Where an in-place write of virtual bytes {@code [at, at + length)} would land in the host file, or -1
     * when it cannot go there without changing the format: the range must lie in one data chunk the active
     * map names, that no other structure or the inactive directory uses, with every sector it touches
     * already written. Writing there changes no table, bitmap or directory.
     */
    public long hostOffsetForWrite(long at, int length) {
        int cs = geometry.chunkSize();
        int ss = geometry.sectorSize();
        if (at < 0 || length <= 0 || at + length > virtualSize() || at / cs != (at + length - 1) / cs) {
            return -1;
        }
        long v = at / cs;
        int k = map.find(v);
        if (k < 0 || !punchable[k]) {
            return -1;
        }
        long inChunk = at - v * cs;
        byte[] written = map.written[k];
        if (written != null) {
            for (long s = inChunk / ss; s <= (inChunk + length - 1) / ss; s++) {
                if (!ChunkMap.sectorWritten(written, (int) s)) {
                    return -1;
                }
            }
        }
        return map.physical[k] * cs + inChunk;
    }

    /** Whether virtual byte {@code at} lies in a data chunk the active map names and nothing else uses: one vmdisk may write into. */
    public boolean inWritableChunk(long at) {
        if (at < 0 || at >= virtualSize()) {
            return false;
        }
        int k = map.find(at / geometry.chunkSize());
        return k >= 0 && punchable[k];
    }

    /** Host extents of every punchable data chunk (their part inside the virtual size), sorted by host offset. */
    public List<Extent> dataChunkExtents() {
        int cs = geometry.chunkSize();
        List<Extent> out = new ArrayList<>();
        for (int k = 0; k < map.size(); k++) {
            if (punchable[k]) {
                long len = Math.min(cs, virtualSize() - map.virtual[k] * cs);
                out.add(new Extent(map.physical[k] * cs, len));
            }
        }
        out.sort(Comparator.comparingLong(Extent::offset));
        return out;
    }

    FileChannel host() {
        return host;
    }
}
