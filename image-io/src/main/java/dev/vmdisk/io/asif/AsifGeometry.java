package dev.vmdisk.io.asif;

/**
 * The two-level map's arithmetic, from the header's chunk and sector sizes. With {@code N = 4 × sector
 * size} data chunks per chunk group, a group is {@code N} data-chunk entries and one bitmap-chunk entry;
 * a table holds {@code C = floor(chunk size / (8 × (N + 1)))} groups and maps {@code C × N} chunks; the
 * directory has one entry per table up to the maximum size. These are huven/asif-format's {@code N, S,
 * C, D, T}; Fox-IT's dissect.hypervisor reaches the same numbers through its reserved-entry counts
 * ({@code _num_reserved_table_entries = N}, {@code _num_table_entries = C × (N + 1)},
 * {@code _size_per_table = D}), and its entry index {@code (k + k × N) / N = k + k / N} is
 * {@link #entryIndex}. {@code AsifGeometryTest} checks both derivations agree.
 *
 * @param chunkSize       bytes per chunk
 * @param sectorSize      bytes per sector
 * @param chunksPerGroup  {@code N}
 * @param groupsPerTable  {@code C}
 * @param tables          {@code T}: directory entries
 */
public record AsifGeometry(int chunkSize, int sectorSize, int chunksPerGroup, int groupsPerTable, long tables) {

    static AsifGeometry of(AsifHeader h) {
        int n = 4 * h.sectorSize();
        int c = h.chunkSize() / (8 * (n + 1));
        long perTable = (long) c * n * h.chunkSize();
        long t = (h.maxSize() + perTable - 1) / perTable;
        return new AsifGeometry(h.chunkSize(), h.sectorSize(), n, c, t);
    }

    /** Data chunks one table maps: {@code C × N}. */
    public long chunksPerTable() {
        return (long) groupsPerTable * chunksPerGroup;
    }

    /** Entries a table holds: {@code C × (N + 1)}. */
    public int tableEntries() {
        return groupsPerTable * (chunksPerGroup + 1);
    }

    /** Virtual bytes one table maps: {@code D}. */
    public long bytesPerTable() {
        return chunksPerTable() * chunkSize;
    }

    /** The entry of data chunk {@code k} (counted inside its table): {@code k} plus one bitmap entry per earlier group. */
    public int entryIndex(int k) {
        return k + k / chunksPerGroup;
    }

    /** The bitmap entry of group {@code g}: after its {@code N} data entries. */
    public int bitmapEntryIndex(int g) {
        return g * (chunksPerGroup + 1) + chunksPerGroup;
    }

    public int sectorsPerChunk() {
        return chunkSize / sectorSize;
    }

    /** Bytes of a group's bitmap chunk that describe one data chunk: 2 bits per sector. */
    public int bitmapBytesPerChunk() {
        return sectorsPerChunk() / 4;
    }
}
