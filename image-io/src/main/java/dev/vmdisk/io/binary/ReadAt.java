package dev.vmdisk.io.binary;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Reads a structure of known size at an absolute position of an image, or says in one line why not. */
public final class ReadAt {
    /** The largest structure read in one piece; bigger sizes are a caller's bug, not bad input. */
    public static final int MAX_BYTES = 1 << 24;

    private ReadAt() {
    }

    /**
     * Reads exactly {@code size} bytes at {@code position}. The caller has checked the range against
     * the image size, so an early end means the file shrank or lied about its size.
     *
     * @param what the structure, for the message ("GPT header")
     */
    public static ByteBuffer fully(FileChannel ch, long position, int size, Path image, String what) {
        if (size < 0 || size > MAX_BYTES || position < 0) {
            throw new IllegalArgumentException("read of " + size + " bytes at " + position);
        }
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (buf.hasRemaining()) {
                // A file channel returns -1 at the end and never 0 while bytes remain, so this ends.
                int n = ch.read(buf, position + buf.position());
                if (n <= 0) {
                    throw new BadInputException(image + ": " + what + " at byte " + position + " needs " + size
                            + " bytes but the file ends at byte " + (position + buf.position())
                            + "; the image is truncated");
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException(image + ": cannot read " + what + " at byte " + position + ": " + e.getMessage(), e);
        }
        return buf.flip();
    }
}
