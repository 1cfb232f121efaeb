package dev.vmdisk.io.reset;

import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * Produces a base's decompressed bytes, in order, into buffers it is handed. Failures are the
 * project's exceptions naming the base: corrupt or truncated data is a
 * {@link dev.vmdisk.io.BadInputException}, a read the OS refused an {@link dev.vmdisk.io.EnvironmentException}.
 * Used by one thread at a time; {@link #consumed()} may be read from any thread.
 */
interface Decompressor extends Closeable {

    /**
     * Decompresses into {@code into} from its position until it is full or the data ends.
     *
     * @return false once the data has ended (the bytes of this call are still in {@code into})
     */
    boolean fill(ByteBuffer into);

    /**
     * How many bytes of zeros follow the current position that the writer may leave as a hole without
     * being handed them (a raw base's holes); they count as produced. Called before each {@link #fill}.
     */
    default long skipHole() {
        return 0;
    }

    /** Bytes of the base read so far, for progress. */
    long consumed();

    /** Whether every byte produced so far was covered by a checksum the format carries and that matched. */
    boolean checksummed();

    @Override
    void close();
}
