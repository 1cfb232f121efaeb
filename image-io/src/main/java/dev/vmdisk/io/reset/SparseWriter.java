package dev.vmdisk.io.reset;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a stream of bytes into a new file, skipping every all-zero block (the file system's block
 * size) so the file system never allocates it; the file gets its length at the end with
 * {@code ftruncate}, which leaves the skipped tail a hole too. Runs of non-zero blocks go out in one
 * positional write each. Zero checks use {@link ByteBuffer#mismatch}, which the JDK vectorizes.
 *
 * <p>Before a chunk's first run is written the file is extended (with {@code ftruncate}, which adds a hole) to
 * the chunk's end, so no write ever lands past the end of the file: APFS fills the gap between the old end
 * and a write past it with allocated zeros (libarchive#2380, fwup#81), which would undo the skipped blocks
 * on macOS. On Linux it changes nothing but the order of the same two calls.
 */
final class SparseWriter {
    private final RandomAccessFile file;
    private final FileChannel channel;
    private final int blockSize;
    private final ByteBuffer zeros;
    private long offset;
    private long written;
    /** The file's length as this writer last set it. */
    private long sized;

    /**
     * @param file      an empty file open for writing
     * @param blockSize a power of two; the unit of holes
     * @param maxChunk  the largest buffer {@link #write} will be given
     */
    SparseWriter(RandomAccessFile file, int blockSize, int maxChunk) {
        if (Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize + " is not a power of two");
        }
        this.file = file;
        this.channel = file.getChannel();
        this.blockSize = blockSize;
        this.zeros = ByteBuffer.allocateDirect(Math.max(blockSize, maxChunk)).asReadOnlyBuffer();
    }

    /**
     * Appends {@code data} (position to limit). Every call but the last must hand over a multiple of the
     * block size, so blocks stay aligned to the file's offsets.
     */
    void write(ByteBuffer data) throws IOException {
        int start = data.position();
        int end = data.limit();
        int pos = start;
        while (pos < end) {
            int firstNonZero = data.slice(pos, end - pos).mismatch(zeros.slice(0, end - pos));
            if (firstNonZero < 0) {
                break; // the rest is zeros: a hole
            }
            sizeTo(offset + (end - start)); // the runs below then land inside the file
            int runStart = pos + (firstNonZero - firstNonZero % blockSize);
            int runEnd = Math.min(end, runStart + blockSize);
            while (runEnd < end && !isZero(data, runEnd, Math.min(blockSize, end - runEnd))) {
                runEnd = Math.min(end, runEnd + blockSize);
            }
            writeFully(data.slice(runStart, runEnd - runStart), offset + (runStart - start));
            pos = runEnd;
        }
        offset += end - start;
        data.position(end);
    }

    /** Appends {@code length} zero bytes without writing them: a hole. Keep it a multiple of the block size. */
    void skip(long length) {
        offset += length;
    }

    private void sizeTo(long length) throws IOException {
        if (sized < length) {
            file.setLength(length);
            sized = length;
        }
    }

    private boolean isZero(ByteBuffer data, int from, int length) {
        return data.slice(from, length).mismatch(zeros.slice(0, length)) < 0;
    }

    private void writeFully(ByteBuffer run, long at) throws IOException {
        int length = run.remaining();
        while (run.hasRemaining()) {
            channel.write(run, at + run.position());
        }
        written += length;
    }

    /** Gives the file its full length; the bytes after the last written block read as zeros. */
    long finish() throws IOException {
        file.setLength(offset);
        return offset;
    }

    /** Bytes handed to {@link #write} so far: the file's length once finished. */
    long size() {
        return offset;
    }

    /** Bytes actually written (the non-zero blocks). */
    long dataWritten() {
        return written;
    }
}
