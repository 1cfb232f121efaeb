package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks every frame of a zstd base by its headers (RFC 8878 sections 3.1.1 and 3.1.2), before
 * anything is decompressed: a base cut short or with garbage between frames fails here, fast and
 * with the offset, and the declared content sizes are known up front.
 */
final class ZstdFrames {
    /** Block_Header: 3 bytes, {@code Last_Block} bit 0, {@code Block_Type} bits 1-2, {@code Block_Size} bits 3-23. */
    static final int BLOCK_HEADER_SIZE = 3;
    private static final int BLOCK_TYPE_RLE = 1;
    private static final int BLOCK_TYPE_RESERVED = 3;
    /** {@code Block_Maximum_Size}: no block holds more than 128 KiB. */
    static final int BLOCK_MAXIMUM_SIZE = 128 * 1024;
    static final int CHECKSUM_SIZE = 4;

    private ZstdFrames() {
    }

    /** Headers are read through a buffer of this many bytes (see {@link Headers}). */
    static final int HEADER_SPAN = 1 << 10;

    /** Every frame of {@code base}, in order; at least one. */
    static List<ZstdFrame> walk(BaseReader base) throws IOException {
        return walk(base, HEADER_SPAN);
    }

    /** {@link #walk(BaseReader)} reading headers {@code span} bytes at a time; tests use a few bytes to cross every boundary. */
    static List<ZstdFrame> walk(BaseReader reader, int span) throws IOException {
        Headers base = new Headers(reader, span);
        List<ZstdFrame> frames = new ArrayList<>();
        long size = base.size();
        long at = 0;
        // Each pass moves 'at' forward by at least one header, so the loop ends within size/6 steps.
        while (at < size) {
            if (size - at < 4) {
                throw new BadInputException(base.path() + ": " + (size - at) + " stray bytes at offset " + at
                        + " after the last zstd frame; the base is corrupt or truncated");
            }
            long magic = Le.u32(base.read(at, 4), 0);
            ZstdFrame frame = (magic & BaseFormat.SKIPPABLE_MASK) == BaseFormat.SKIPPABLE_MAGIC
                    ? skippable(base, at)
                    : frame(base, at);
            frames.add(frame);
            at = frame.end();
        }
        if (frames.isEmpty()) {
            throw new BadInputException(base.path() + ": empty file; expected a zstd base");
        }
        return frames;
    }

    private static ZstdFrame skippable(Headers base, long at) throws IOException {
        if (base.size() - at < BaseFormat.SKIPPABLE_HEADER) {
            throw ZstdFrameHeader.truncated(base.path(), at);
        }
        long length = BaseFormat.SKIPPABLE_HEADER + Le.u32(base.read(at, BaseFormat.SKIPPABLE_HEADER), 4);
        if (length > base.size() - at) {
            throw ZstdFrameHeader.truncated(base.path(), at);
        }
        return new ZstdFrame(at, length, null);
    }

    private static ZstdFrame frame(Headers base, long at) throws IOException {
        long size = base.size();
        ZstdFrameHeader header = ZstdFrameHeader.parse(
                base.read(at, (int) Math.min(ZstdFrameHeader.MAX_SIZE, size - at)), base.path(), at);
        if (header.dictionaryId() != 0) {
            throw new BadInputException(base.path() + ": the zstd frame at offset " + at + " needs dictionary "
                    + header.dictionaryId() + ", which vmdisk does not have; decompress the base with zstd -D first");
        }
        Blocks blocks = new Blocks(base, at, at + header.headerSize());
        while (!blocks.last) {
            blocks.next();
        }
        long pos = blocks.pos;
        if (header.checksum()) {
            pos += CHECKSUM_SIZE;
            if (pos > size) {
                throw ZstdFrameHeader.truncated(base.path(), at);
            }
        }
        return new ZstdFrame(at, pos - at, header);
    }

    /**
     * The blocks of one frame, header by header. A class of its own so that the work per block is one
     * method, which the JIT compiles after a few hundred calls: the loop around it runs some 32,000
     * times per 4 GiB of content, too few for the loop itself to be compiled in a run, and a walk with
     * the work inline ran interpreted, 35 ms for the Debian guest's base where the compiled walk takes 4.
     */
    private static final class Blocks {
        private final Headers base;
        private final long frameStart;
        long pos;
        boolean last;

        Blocks(Headers base, long frameStart, long firstBlock) {
            this.base = base;
            this.frameStart = frameStart;
            this.pos = firstBlock;
        }

        /** Reads the block header at {@link #pos} and moves past the block. */
        void next() throws IOException {
            long size = base.size();
            if (size - pos < BLOCK_HEADER_SIZE) {
                throw ZstdFrameHeader.truncated(base.path(), frameStart);
            }
            int blockHeader = base.u24(pos);
            last = (blockHeader & 1) != 0;
            int type = (blockHeader >>> 1) & 3;
            int blockSize = blockHeader >>> 3;
            if (type == BLOCK_TYPE_RESERVED || blockSize > BLOCK_MAXIMUM_SIZE) {
                throw new BadInputException(base.path() + ": corrupt zstd block header at offset " + pos
                        + " (type " + type + ", size " + blockSize + ")");
            }
            long payload = type == BLOCK_TYPE_RLE ? 1 : blockSize; // raw and compressed blocks: Block_Size bytes
            pos += BLOCK_HEADER_SIZE + payload;
            if (pos > size) {
                throw ZstdFrameHeader.truncated(base.path(), frameStart);
            }
        }
    }

    /**
     * The base's headers, read through one buffer refilled {@code span} bytes at a time from the offset
     * asked for. A frame has a 3-byte header per block of at most 128 KiB of content, so a 4 GiB image's
     * base has some 32,000; read one {@code pread} each, they cost more than the rest of the walk (32,772
     * calls for the Debian guest's base, bench/RESULTS.md, reset). Where blocks are small (a run of
     * zeros is one 4-byte RLE block per 128 KiB) one buffer holds hundreds of headers; where they are
     * large the next header lies past the buffer and is read where it is, so the compressed data between
     * headers is not copied. 1 KiB walked the Debian guest's base in 2-3 ms and the 2 GiB JDK image's in
     * 5-6 ms, against 16-20 and 53-61 ms through a 1 MiB buffer that copied the whole base (4 runs each,
     * best; 64 KiB: 10 and 35 ms, 512 bytes: as 1 KiB). Offsets only grow, so each buffer is read once.
     */
    private static final class Headers {
        private final BaseReader reader;
        private final ByteBuffer buffer;
        private long start = -1;

        Headers(BaseReader reader, int span) {
            this.reader = reader;
            this.buffer = ByteBuffer.allocate(Math.max(span, ZstdFrameHeader.MAX_SIZE));
        }

        long size() {
            return reader.size();
        }

        Path path() {
            return reader.path();
        }

        /** The 3 bytes at {@code offset} (inside the base) as a little-endian number: a block header. */
        int u24(long offset) throws IOException {
            fill(offset, BLOCK_HEADER_SIZE);
            int i = (int) (offset - start);
            return (buffer.get(i) & 0xFF) | (buffer.get(i + 1) & 0xFF) << 8 | (buffer.get(i + 2) & 0xFF) << 16;
        }

        /** {@code length} bytes at {@code offset} (inside the base), as a little-endian buffer whose position 0 is {@code offset}. */
        ByteBuffer read(long offset, int length) throws IOException {
            fill(offset, length);
            return buffer.slice((int) (offset - start), length).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Makes the buffer hold {@code [offset, offset + length)}, reading from {@code offset} when it does not. */
        private void fill(long offset, int length) throws IOException {
            if (start < 0 || offset < start || offset + length > start + buffer.limit()) {
                buffer.clear();
                reader.readInto(buffer, offset, Math.min(reader.size(), offset + buffer.capacity()));
                buffer.flip();
                start = offset;
            }
            if (offset + length > start + buffer.limit()) {
                throw new IllegalArgumentException("range " + offset + ".." + (offset + length) + " outside 0.." + reader.size());
            }
        }
    }

    /** The sum of the frames' declared content sizes, or {@link ZstdFrameHeader#UNKNOWN_SIZE} when one does not declare it. */
    static long declaredContentSize(List<ZstdFrame> frames) {
        long total = 0;
        for (ZstdFrame f : frames) {
            if (f.skippable()) {
                continue;
            }
            if (f.header().contentSize() == ZstdFrameHeader.UNKNOWN_SIZE) {
                return ZstdFrameHeader.UNKNOWN_SIZE;
            }
            total += f.header().contentSize();
            if (total < 0) {
                return ZstdFrameHeader.UNKNOWN_SIZE; // overflow: corrupt sizes; decompression will tell
            }
        }
        return total;
    }
}
