package dev.vmdisk.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much one {@code posix_fadvise(WILLNEED)} call reads at most on a file's device. The kernel cuts
 * every such call to {@code max(bdi->io_pages, ra->ra_pages)} pages ({@code force_page_cache_ra} in
 * mm/readahead.c), i.e. the larger of the queue's {@code max_sectors_kb} and {@code read_ahead_kb};
 * the rest of a larger range is silently not read. A 64 MiB call on a disk with 8 MiB read-ahead
 * cached 8 MiB (bench/RESULTS.md, zero scan). So {@link LinuxNativeFile#willNeed} makes one call per
 * piece of this size.
 *
 * <p>Read from {@code /sys/dev/block/MAJ:MIN/queue/} (a partition's queue is its disk's, one directory
 * up). A device without one there (device-mapper and loop devices have their own; btrfs, tmpfs and
 * network file systems an anonymous device) gets the kernel's default read-ahead, 128 KiB: pieces too
 * small cost calls, never reads. Looked up once per device.
 */
final class ReadAheadLimit {
    /** {@code VM_READAHEAD_PAGES}: the kernel's default read-ahead, and the least a call reads. */
    static final long DEFAULT = 128 << 10;

    private static final Map<Long, Long> BY_DEVICE = new ConcurrentHashMap<>();

    private ReadAheadLimit() {
    }

    /** The most one WILLNEED call reads on device {@code major:minor}, in bytes. */
    static long of(long major, long minor) {
        return BY_DEVICE.computeIfAbsent(LinuxDev.encode(major, minor),
                k -> read(Path.of("/sys/dev/block", major + ":" + minor)));
    }

    /** The limit from a sysfs block device directory; {@link #DEFAULT} when it has none. */
    static long read(Path device) {
        Path queue = device.resolve("queue");
        if (!Files.isDirectory(queue) && Files.exists(device.resolve("partition"))) {
            queue = device.resolve("../queue");
        }
        long kib = Math.max(kib(queue.resolve("read_ahead_kb")), kib(queue.resolve("max_sectors_kb")));
        return Math.max(DEFAULT, kib << 10);
    }

    private static long kib(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
