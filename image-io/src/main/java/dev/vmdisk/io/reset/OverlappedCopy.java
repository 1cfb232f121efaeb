package dev.vmdisk.io.reset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;

/**
 * Decompresses on one thread while the calling thread writes, so the time is the slower of the two,
 * not their sum. A fixed set of direct buffers circulates between them through two bounded queues;
 * memory stays at {@code buffers × bufferSize} however big the base.
 */
final class OverlappedCopy {
    /**
     * 256 KiB, 16 of them: a buffer zstd has just filled is still in the CPU's cache when the writer checks
     * it for zeros. With 4 MiB buffers each one went out to memory and back: a reset of the Debian guest's
     * base (4 GiB, nearly all of it zeros to decompress and check) took 1.42-1.63 s of user CPU, 1.16-1.20 s
     * with these (bench/RESULTS.md, reset). Callers use at least the file system's block
     * ({@link ImageReset}), since every buffer but the last must hold whole blocks.
     */
    static final int BUFFER_SIZE = 256 << 10;
    static final int BUFFERS = 16;

    /** The longest hole handed to the writer at once: 64 MiB. */
    static final long MAX_HOLE = 64L << 20;

    /** Marks the end of the data in the queue of full buffers. */
    private static final Object END = new Object();

    /** What the decompressing thread threw, passed to the writing thread. */
    private record Failure(Throwable error) {
    }

    /** Zeros the source skipped ({@link Decompressor#skipHole}), for the writer to leave as a hole. */
    private record Hole(long length) {
    }

    private OverlappedCopy() {
    }

    /**
     * Copies everything {@code source} produces into {@code sink}; returns when all is written or throws
     * what either side threw (the decompressing thread has stopped by then either way).
     *
     * @param progress told the base bytes consumed after each buffer is written
     */
    static void copy(Decompressor source, SparseWriter sink, int bufferSize, int buffers, LongConsumer progress)
            throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(ByteBuffer.allocateDirect(bufferSize));
        }
        // Room for every buffer, a hole before each and one more, plus the end mark or a failure. The
        // producer puts (waits while the writer catches up on a run of holes); a writer that stops
        // interrupts it.
        BlockingQueue<Object> full = new ArrayBlockingQueue<>(2 * buffers + 2);
        Thread producer = new Thread(() -> produce(source, free, full, bufferSize), "vmdisk-decompress");
        producer.setDaemon(true);
        producer.start();
        try {
            while (true) {
                Object item = full.take();
                if (item == END) {
                    return;
                }
                if (item instanceof Failure f) {
                    throw rethrow(f.error());
                }
                if (item instanceof Hole h) {
                    sink.skip(h.length());
                    progress.accept(source.consumed());
                    continue;
                }
                ByteBuffer b = (ByteBuffer) item;
                sink.write(b);
                progress.accept(source.consumed());
                free.add(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            // The producer may be waiting for a free buffer, or still decompressing one buffer's worth;
            // wait for it, so nothing reads the base after the caller closes it.
            producer.interrupt();
            joinUninterruptibly(producer);
        }
    }

    private static void produce(Decompressor source, BlockingQueue<ByteBuffer> free, BlockingQueue<Object> full,
                                int bufferSize) {
        ByteBuffer zeros = ByteBuffer.allocateDirect(bufferSize).asReadOnlyBuffer();
        long zeroRun = 0; // all-zero buffers filled and not yet handed over, as one hole
        try {
            boolean more = true;
            ByteBuffer b = null;
            while (more) {
                long hole = source.skipHole();
                if (hole > 0) {
                    zeroRun += hole;
                }
                if (b == null) {
                    b = free.take();
                }
                b.clear();
                more = source.fill(b);
                b.flip();
                if (!b.hasRemaining()) {
                    continue;
                }
                if (b.mismatch(zeros.slice(0, b.remaining())) < 0) {
                    // All zeros: checked here, while zstd's output is still in this core's cache, and kept as a
                    // length; the buffer is filled again at once. Handing each one to the writer to check cost a
                    // wake-up per buffer and every byte moved between the cores' caches (4 GiB of a 4 GiB image
                    // with 214 MiB of data). Long runs go over in pieces, so the writer's lease checks and the
                    // progress keep their pace.
                    zeroRun += b.remaining();
                    if (zeroRun >= MAX_HOLE) {
                        full.put(new Hole(zeroRun));
                        zeroRun = 0;
                    }
                    continue;
                }
                if (zeroRun > 0) {
                    full.put(new Hole(zeroRun));
                    zeroRun = 0;
                }
                full.put(b);
                b = null;
            }
            if (zeroRun > 0) {
                full.put(new Hole(zeroRun));
            }
            full.put(END);
        } catch (InterruptedException e) {
            // The writer stopped and is waiting for this thread to end.
        } catch (Throwable t) {
            try {
                full.put(new Failure(t));
            } catch (InterruptedException e) {
                // The writer stopped first; what it threw is what the caller sees.
            }
        }
    }

    private static RuntimeException rethrow(Throwable t) throws IOException {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        throw new IllegalStateException(t);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
