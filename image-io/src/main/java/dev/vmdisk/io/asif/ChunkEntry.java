package dev.vmdisk.io.asif;

/**
 * A table's 64-bit data-chunk entry: the top two bits are the chunk's state, bits 61-55 are reserved,
 * the low 55 bits are the physical chunk index (byte offset = index × chunk size). Fox-IT calls bit 63
 * "content dirty" and bit 62 "entry dirty"; huven/asif-format reads {@code 00} with index 0 as never
 * written, {@code 01} as fully written and {@code 11} as partly written (consult the group's bitmap).
 * Nothing else has been characterised, so nothing else is accepted.
 */
final class ChunkEntry {
    static final long INDEX_MASK = (1L << 55) - 1;
    static final long RESERVED_MASK = 0x7FL << 55;
    static final int UNWRITTEN = 0b00;
    static final int FULL = 0b01;
    static final int PARTIAL = 0b11;

    private ChunkEntry() {
    }

    static int state(long entry) {
        return (int) (entry >>> 62);
    }

    static long index(long entry) {
        return entry & INDEX_MASK;
    }

    static long reserved(long entry) {
        return (entry & RESERVED_MASK) >>> 55;
    }
}
