package dev.vmdisk.io.reset;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Flushes a file being written on a thread of its own, each time another {@code step} bytes have
 * been written, so the disk writes overlap the decompression and the final {@code fsync} only has
 * the last step left to do. Without it the kernel would keep gigabytes dirty in memory until the end.
 */
final class SyncBehind implements AutoCloseable {
    /** 64 MiB: small enough to leave little for the last fsync, large enough for few calls. */
    static final long STEP = 64L << 20;

    private final FileChannel channel;
    private final long step;
    private final Thread thread;
    private long requestedAt; // guarded by this
    private long syncedAt; // guarded by this
    private boolean closed; // guarded by this
    private IOException failure; // guarded by this

    SyncBehind(FileChannel channel, long step) {
        this.channel = channel;
        this.step = step;
        this.thread = new Thread(this::loop, "vmdisk-sync-behind");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tells how many bytes have been written so far; wakes the flusher every {@code step} bytes. */
    synchronized void written(long bytes) {
        if (bytes - requestedAt >= step) {
            requestedAt = bytes;
            notifyAll();
        }
    }

    private void loop() {
        while (true) {
            synchronized (this) {
                while (!closed && syncedAt == requestedAt) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                syncedAt = requestedAt;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                    closed = true;
                }
                return;
            }
        }
    }

    /** Stops the flusher, waiting for a flush in progress; throws what a flush threw. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
