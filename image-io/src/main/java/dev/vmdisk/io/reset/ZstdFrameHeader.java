package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A zstd frame header (RFC 8878 section 3.1.1.1): what vmdisk needs to check a frame before and
 * after decompressing it.
 *
 * @param headerSize   bytes from the magic number to the first block header
 * @param contentSize  {@code Frame_Content_Size}, or {@link #UNKNOWN_SIZE} when the frame does not declare it
 * @param checksum     {@code Content_Checksum_flag}: the frame ends in 4 bytes of XXH64 over its content
 * @param dictionaryId {@code Dictionary_ID}, 0 when none
 */
record ZstdFrameHeader(int headerSize, long contentSize, boolean checksum, long dictionaryId) {
    static final long UNKNOWN_SIZE = -1;
    /** Magic (4) + descriptor (1) + window (1) + dictionary id (4) + content size (8). */
    static final int MAX_SIZE = 18;
    static final int MIN_SIZE = 6;

    private static final int MAGIC = 0;
    private static final int FRAME_HEADER_DESCRIPTOR = 4;
    private static final int AFTER_DESCRIPTOR = 5;

    private static final int FCS_FLAG_SHIFT = 6;
    private static final int SINGLE_SEGMENT_BIT = 0x20;
    private static final int RESERVED_BIT = 0x08;
    private static final int CHECKSUM_BIT = 0x04;
    private static final int DICTIONARY_ID_FLAG_MASK = 0x03;
    private static final int[] DICTIONARY_ID_SIZES = {0, 1, 2, 4};
    /** Field sizes for FCS_Field_Size flag 0..3; flag 0 means 1 byte with Single_Segment, else absent. */
    private static final int[] CONTENT_SIZE_SIZES = {0, 2, 4, 8};
    /** A 2-byte Frame_Content_Size is stored minus 256. */
    private static final int TWO_BYTE_CONTENT_SIZE_OFFSET = 256;

    /**
     * Parses the header at the start of {@code le}, which holds the frame's first
     * {@code min(MAX_SIZE, bytes left in the base)} bytes.
     *
     * @param base for messages
     * @param at   the frame's offset in the base, for messages
     */
    static ZstdFrameHeader parse(ByteBuffer le, Path base, long at) {
        int available = le.remaining();
        if (available < MIN_SIZE) {
            throw truncated(base, at);
        }
        if (Le.u32(le, MAGIC) != BaseFormat.ZSTD_MAGIC) {
            throw new BadInputException(base + ": no zstd frame at offset " + at + " (magic 0x"
                    + Long.toHexString(Le.u32(le, MAGIC)) + "); the base is corrupt or has trailing garbage");
        }
        int descriptor = Le.u8(le, FRAME_HEADER_DESCRIPTOR);
        if ((descriptor & RESERVED_BIT) != 0) {
            throw new BadInputException(base + ": zstd frame at offset " + at
                    + " sets the reserved bit of its header descriptor (0x" + Integer.toHexString(descriptor)
                    + "); the base is corrupt");
        }
        boolean singleSegment = (descriptor & SINGLE_SEGMENT_BIT) != 0;
        int fcsFlag = descriptor >>> FCS_FLAG_SHIFT;
        int dictionaryIdSize = DICTIONARY_ID_SIZES[descriptor & DICTIONARY_ID_FLAG_MASK];
        int contentSizeSize = fcsFlag == 0 && singleSegment ? 1 : CONTENT_SIZE_SIZES[fcsFlag];
        int windowDescriptorSize = singleSegment ? 0 : 1;

        int dictionaryIdAt = AFTER_DESCRIPTOR + windowDescriptorSize;
        int contentSizeAt = dictionaryIdAt + dictionaryIdSize;
        int headerSize = contentSizeAt + contentSizeSize;
        if (available < headerSize) {
            throw truncated(base, at);
        }
        long dictionaryId = switch (dictionaryIdSize) {
            case 0 -> 0;
            case 1 -> Le.u8(le, dictionaryIdAt);
            case 2 -> Le.u16(le, dictionaryIdAt);
            default -> Le.u32(le, dictionaryIdAt);
        };
        long contentSize = switch (contentSizeSize) {
            case 0 -> UNKNOWN_SIZE;
            case 1 -> Le.u8(le, contentSizeAt);
            case 2 -> Le.u16(le, contentSizeAt) + TWO_BYTE_CONTENT_SIZE_OFFSET;
            case 4 -> Le.u32(le, contentSizeAt);
            default -> Le.u64(le, contentSizeAt);
        };
        if (contentSize < UNKNOWN_SIZE) {
            throw new BadInputException(base + ": zstd frame at offset " + at + " declares a content size above 2^63 ("
                    + Long.toUnsignedString(contentSize) + " bytes); the base is corrupt");
        }
        return new ZstdFrameHeader(headerSize, contentSize, (descriptor & CHECKSUM_BIT) != 0, dictionaryId);
    }

    static BadInputException truncated(Path base, long at) {
        return new BadInputException(base + ": truncated: the zstd frame at offset " + at
                + " ends early; the base is incomplete (re-download or re-create it)");
    }
}
