package dev.vmdisk.cli;

import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.compact.CompactResult;
import dev.vmdisk.io.compact.Compactor;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.ScanProgress;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One image through compact's pre-launch gates: the allocated size, then what the compactor would free
 * (the figure {@code --dry-run} prints), found by the same scan that then compacts when it is enough; an
 * image in use is passed over with {@code --skip-busy}.
 */
final class GatedCompaction {

    /** What happened to one image: compacted (or dry-run), or left alone and why. */
    sealed interface Outcome permits Done, Skipped {
    }

    record Done(CompactResult result) implements Outcome {
    }

    /**
     * @param kind    {@code below-threshold} or {@code in-use}, for scripts
     * @param why     one line for people, without the path
     * @param warning processes that could not be checked, or ""
     */
    record Skipped(Path image, String kind, String why, String warning) implements Outcome {
        String line() {
            return image + ": " + why;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", image.toString());
            m.put("skipped", kind);
            m.put("reason", why);
            return m;
        }
    }

    private final NativeFs fs;
    private final PreLaunchOptions options;
    private final Compactor compactor;

    GatedCompaction(NativeFs fs, PreLaunchOptions options, Compactor compactor) {
        this.fs = fs;
        this.options = options;
        this.compactor = compactor;
    }

    /** @throws dev.vmdisk.io.VmdiskException as the compactor does, except an image in use with --skip-busy */
    Outcome run(Path image, boolean dryRun, Supplier<ScanProgress> progress) {
        if (options.ifAllocatedOver != null) {
            Optional<String> no = options.allocatedNotOver(allocated(image));
            if (no.isPresent()) {
                return new Skipped(image, "below-threshold", no.get(), "");
            }
        }
        try {
            if (options.ifReclaimable == null) {
                return new Done(compactor.compact(image, dryRun, progress.get()));
            }
            // One scan either way: a dry run, or a compaction that punches nothing below the threshold.
            CompactResult r = dryRun ? compactor.compact(image, true, progress.get())
                    : compactor.compactIfReclaimable(image, options.ifReclaimable, progress.get());
            Optional<String> no = options.reclaimableBelow(r.trimmedBytes() + r.zeroBytes());
            if (no.isPresent()) {
                return new Skipped(image, "below-threshold", no.get(), r.warning());
            }
            return new Done(r);
        } catch (ImageInUseException e) {
            if (!options.skipBusy) {
                throw e;
            }
            String who = e.holders() != null && e.holders().held() ? e.holders().summary() : "another process holds a lock on it";
            return new Skipped(image, "in-use", "in use, " + who + "; skipped", "");
        }
    }

    private long allocated(Path image) {
        try (NativeFile f = fs.open(image, Access.READ_ONLY)) {
            return f.allocatedBytes();
        }
    }
}
