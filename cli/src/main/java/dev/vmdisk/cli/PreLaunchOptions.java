package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The options that make {@code vmdisk compact} fit to run before every start of the app: compact only
 * when it is worth it, and pass over an image in use instead of failing. Each threshold is per image.
 */
final class PreLaunchOptions {
    @Option(names = "--if-reclaimable", paramLabel = "SIZE", converter = SizeParser.class,
            description = "Compact an image only when a dry run finds at least SIZE to give back (bytes, or 512M, "
                    + "1G, 1.5GiB: binary units); below it, say so in one line and change nothing (exit 0).")
    Long ifReclaimable;

    @Option(names = "--if-allocated-over", paramLabel = "SIZE", converter = SizeParser.class,
            description = "Compact an image only when the host allocates more than SIZE for it; otherwise say so in "
                    + "one line and change nothing (exit 0). With --if-reclaimable, both must hold.")
    Long ifAllocatedOver;

    @Option(names = "--skip-busy",
            description = "An image a process holds is reported in one line and skipped with exit 0, for pre-launch "
                    + "scripts (without it: exit 3). It is never changed either way.")
    boolean skipBusy;

    /** Why an image with {@code allocated} bytes is left alone, or empty to go on. */
    Optional<String> allocatedNotOver(long allocated) {
        if (ifAllocatedOver == null || allocated > ifAllocatedOver) {
            return Optional.empty();
        }
        return Optional.of(Sizes.human(allocated) + " allocated, not over " + threshold(allocated, ifAllocatedOver)
                + "; nothing done");
    }

    /** Why an image from which a dry run would free {@code reclaimable} bytes is left alone, or empty to go on. */
    Optional<String> reclaimableBelow(long reclaimable) {
        if (ifReclaimable == null || reclaimable >= ifReclaimable) {
            return Optional.empty();
        }
        return Optional.of(Sizes.human(reclaimable) + " reclaimable, below " + threshold(reclaimable, ifReclaimable)
                + "; nothing done");
    }

    /** The threshold for people, with exact bytes when rounding would make both sides read the same. */
    private static String threshold(long value, long threshold) {
        String t = Sizes.human(threshold);
        return t.equals(Sizes.human(value)) ? t + " (" + value + " vs " + threshold + " bytes)" : t;
    }
}
