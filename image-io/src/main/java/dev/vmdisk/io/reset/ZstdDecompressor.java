package dev.vmdisk.io.reset;

import com.github.luben.zstd.ZstdDirectBufferDecompressingStreamNoFinalizer;
import com.github.luben.zstd.ZstdIOException;
import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decompresses the frames {@link ZstdFrames#walk} found, one zstd-jni direct-buffer stream per
 * frame, fed from one direct buffer that positional reads of the base refill (not from a mapping: a
 * base that shrinks under a mapping faults inside libzstd, and SIGBUS kills the JVM). Each frame
 * ends at its own boundary, so its output is checked against the content size its header declares;
 * libzstd checks the frame's XXH64 checksum when the frame has one.
 */
final class ZstdDecompressor implements Decompressor {
    /** {@code ZSTD_WINDOWLOG_MAX} on 64-bit: accept frames made with {@code zstd --long=31}. */
    private static final int WINDOW_LOG_MAX = 31;

    private final BaseReader base;
    private final List<ZstdFrame> frames;
    private final boolean checksummed;
    /** The compressed bytes being fed to libzstd; refilled by {@link BaseReader#readInto}. */
    private final ByteBuffer input;
    private int nextFrame;
    private FrameStream current;
    private volatile long consumed;

    ZstdDecompressor(BaseReader base, List<ZstdFrame> frames) {
        this.base = base;
        this.frames = List.copyOf(frames);
        this.checksummed = frames.stream().allMatch(f -> f.skippable() || f.header().checksum());
        this.input = ByteBuffer.allocateDirect(base.chunkSize());
    }

    @Override
    public boolean fill(ByteBuffer into) {
        try {
            while (into.hasRemaining()) {
                if (current == null) {
                    ZstdFrame frame = nextDataFrame();
                    if (frame == null) {
                        consumed = base.size();
                        return false;
                    }
                    current = new FrameStream(base, frame);
                }
                if (current.read(into)) {
                    current.close();
                    current = null;
                }
                consumed = current == null ? consumed : current.position();
            }
            return true;
        } catch (ZstdIOException e) {
            throw corrupt(e.getMessage());
        } catch (UncheckedIOException e) {
            throw readFailure(e.getCause());
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    private ZstdFrame nextDataFrame() {
        while (nextFrame < frames.size()) {
            ZstdFrame f = frames.get(nextFrame++);
            consumed = f.offset();
            if (!f.skippable()) {
                return f;
            }
        }
        return null;
    }

    private BadInputException corrupt(String why) {
        long at = current == null ? consumed : current.frame.offset();
        return new BadInputException(base.path() + ": corrupt zstd data in the frame at offset " + at + " (" + why
                + "); the base is damaged (re-download or re-create it)");
    }

    private EnvironmentException readFailure(IOException e) {
        return new EnvironmentException(base.path() + ": reading the base failed: " + e.getMessage(), e);
    }

    @Override
    public long consumed() {
        return consumed;
    }

    @Override
    public boolean checksummed() {
        return checksummed;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** One frame's stream, fed chunk by chunk up to the frame's end and no further. */
    private final class FrameStream implements AutoCloseable {
        private final ZstdFrame frame;
        private final ZstdDirectBufferDecompressingStreamNoFinalizer stream;
        /** The base offset of {@code input}'s byte 0. */
        private long sourceOffset;
        private long produced;

        FrameStream(BaseReader base, ZstdFrame frame) throws IOException {
            this.frame = frame;
            this.sourceOffset = frame.offset();
            input.clear();
            base.readInto(input, frame.offset(), frame.end());
            input.flip();
            this.stream = new ZstdDirectBufferDecompressingStreamNoFinalizer(input) {
                @Override
                protected ByteBuffer refill(ByteBuffer used) {
                    return nextChunk(used);
                }
            };
            stream.setLongMax(WINDOW_LOG_MAX);
        }

        /** Called by zstd-jni once libzstd has taken every byte of {@code used} (which is {@code input}). */
        private ByteBuffer nextChunk(ByteBuffer used) {
            long next = sourceOffset + used.limit();
            if (next >= frame.end()) {
                return used; // the frame's bytes are all handed over
            }
            input.clear();
            try {
                base.readInto(input, next, frame.end());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            input.flip();
            sourceOffset = next;
            return input;
        }

        long position() {
            return sourceOffset + input.position();
        }
        /** Decompresses into {@code into}; returns true when the frame is complete and checked. */
        boolean read(ByteBuffer into) throws IOException {
            long before = position();
            int n = stream.read(into);
            produced += n;
            long declared = frame.header().contentSize();
            if (declared != ZstdFrameHeader.UNKNOWN_SIZE && produced > declared) {
                throw corrupt("it holds more than the " + declared + " bytes its header declares");
            }
            if (!stream.hasRemaining()) {
                if (declared != ZstdFrameHeader.UNKNOWN_SIZE && produced != declared) {
                    throw corrupt("it holds " + produced + " bytes, its header declares " + declared);
                }
                return true;
            }
            if (n == 0 && position() == before && into.hasRemaining()) {
                // No input taken, no output made, room left: libzstd wants bytes the frame does not have.
                throw corrupt("its blocks end before its content does");
            }
            return false;
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
