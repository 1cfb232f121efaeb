package dev.vmdisk.io.asif;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The map arithmetic, huven/asif-format's way (vmdisk's) against Fox-IT dissect.hypervisor's, step by step. */
class AsifGeometryTest {

    @ParameterizedTest(name = "{0}-byte sectors, {1}-byte chunks")
    @CsvSource({"512,1048576", "4096,1048576", "512,65536", "512,16777216", "4096,4194304"})
    void bothWriteUpsGiveTheSameNumbers(int sector, int chunk) {
        long maxSize = 1L << 52;
        AsifGeometry g = AsifGeometry.of(new AsifHeader(1, 0x200, 0, 0x200, 0x80000, "", 0, maxSize / sector, chunk, sector, 0));

        // Fox-IT, asif.py: ASIF.__init__
        long blocksPerChunk = chunk / sector;
        long reservedSize = 4L * chunk;
        long reservedTableEntries = reservedSize < blocksPerChunk ? 1 : reservedSize / blocksPerChunk;
        long maxTableEntries = chunk >> 3;
        long tableEntries = maxTableEntries - maxTableEntries % (reservedTableEntries + 1);
        long reservedDirectoryEntries = (reservedTableEntries + tableEntries) / (reservedTableEntries + 1);
        long usable = tableEntries - reservedDirectoryEntries;
        long sizePerTable = usable * chunk;
        long directoryEntries = (sizePerTable + maxSize - 1) / sizePerTable;

        assertEquals(reservedTableEntries, g.chunksPerGroup());
        assertEquals(tableEntries, g.tableEntries());
        assertEquals(reservedDirectoryEntries, g.groupsPerTable());
        assertEquals(sizePerTable, g.bytesPerTable());
        assertEquals(directoryEntries, g.tables());
        // Fox-IT's DataStream._read: data_idx = (k + k * reserved) // reserved, for data chunk k of a table.
        for (int k : new int[] {0, 1, g.chunksPerGroup() - 1, g.chunksPerGroup(), 5 * g.chunksPerGroup() + 7,
                (int) g.chunksPerTable() - 1}) {
            assertEquals((k + (long) k * reservedTableEntries) / reservedTableEntries, g.entryIndex(k), "chunk " + k);
        }
    }
}
