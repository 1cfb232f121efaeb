package dev.vmdisk.io.reset;

/**
 * One frame of a zstd base as {@link ZstdFrames#walk} found it.
 *
 * @param offset      where the frame starts in the base
 * @param length      the frame's compressed length, header to checksum
 * @param header      the parsed header; {@code null} for a skippable frame
 */
record ZstdFrame(long offset, long length, ZstdFrameHeader header) {

    boolean skippable() {
        return header == null;
    }

    long end() {
        return offset + length;
    }
}
