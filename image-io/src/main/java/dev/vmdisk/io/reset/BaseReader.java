package dev.vmdisk.io.reset;

import dev.vmdisk.io.EnvironmentException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A base file read with positional reads ({@code pread}), never memory-mapped: a base that shrinks
 * while vmdisk reads it makes a read come back short, which is reported in one line, where a fault
 * in a mapping would have killed the JVM with SIGBUS inside zstd's decoder. Its size is the one it
 * had when opened. Not thread-safe: one owner at a time.
 */
final class BaseReader implements Closeable {
    /** 4 MiB reads: few system calls per GiB, and a buffer small enough to allocate per reset. */
    static final int DEFAULT_CHUNK_POWER = 22;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final int chunkSize;

    private BaseReader(Path path, FileChannel channel, long size, int chunkSize) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.chunkSize = chunkSize;
    }

    static BaseReader open(Path path) throws IOException {
        return open(path, DEFAULT_CHUNK_POWER);
    }

    /** @param chunkPower log2 of the size of the buffers callers read into; tests use 12 to cross many boundaries */
    static BaseReader open(Path path, int chunkPower) throws IOException {
        if (chunkPower < 12 || chunkPower > 26) {
            throw new IllegalArgumentException("chunkPower " + chunkPower + " outside 12..26");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new BaseReader(path, channel, channel.size(), 1 << chunkPower);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** The base's length when it was opened. */
    long size() {
        return size;
    }

    /** How big a buffer a caller streaming the base should read into. */
    int chunkSize() {
        return chunkSize;
    }

    /**
     * {@code length} bytes at {@code offset}, read into a new little-endian buffer whose position 0 is
     * {@code offset}, for {@link dev.vmdisk.io.binary.Le} reads.
     */
    ByteBuffer read(long offset, int length) throws IOException {
        checkRange(offset, offset + length);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(b, offset);
        return b.flip();
    }

    /**
     * Reads the bytes from {@code offset} into {@code into} (from its position), as many as fit and no
     * further than {@code end}; returns how many.
     *
     * @throws EnvironmentException when the file ends early: it shrank since it was opened
     */
    int readInto(ByteBuffer into, long offset, long end) throws IOException {
        checkRange(offset, end);
        int n = (int) Math.min(into.remaining(), end - offset);
        ByteBuffer part = into.slice(into.position(), n);
        readFully(part, offset);
        into.position(into.position() + n);
        return n;
    }

    private void readFully(ByteBuffer b, long offset) throws IOException {
        long at = offset;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                throw shrank(at);
            }
            at += n;
        }
    }

    private EnvironmentException shrank(long at) {
        return new EnvironmentException(path + ": the base ends at byte " + at + ", but it was " + size
                + " bytes when vmdisk opened it: it shrank while vmdisk read it (is something rewriting it?)");
    }

    private void checkRange(long offset, long end) {
        if (offset < 0 || offset > end || end > size) {
            throw new IllegalArgumentException("range " + offset + ".." + end + " outside 0.." + size);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
