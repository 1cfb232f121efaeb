package dev.vmdisk.io.bundle;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.inspect.FileNames;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.WriteLocked;
import dev.vmdisk.io.reset.ImageReset;
import dev.vmdisk.io.reset.ReleaseMarker;
import dev.vmdisk.io.reset.ResetProgress;
import dev.vmdisk.io.reset.ResetRequest;
import dev.vmdisk.io.reset.ResetResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code vmdisk reset BUNDLE}: rebuilds every image of a bundle that has a base beside it, each with
 * {@link ImageReset} (so each is either fully reset or untouched), skips the images without one, and
 * with {@code sessions} removes the per-session image ({@link SessionImage}) instead of resetting it.
 * One image's failure is reported and the others still run; nothing already done is undone.
 */
public final class BundleReset {
    /** What happened to one image. */
    public enum Action { RESET, REMOVED, SKIPPED, FAILED }

    /**
     * @param image  the image (for a session image that was not there: where it would be)
     * @param action what happened
     * @param result the reset's result for {@link Action#RESET}, else null
     * @param detail why it was skipped, or the unchecked-processes warning of a removal, or ""
     * @param error  why it failed for {@link Action#FAILED}, else null
     * @param marker what became of the image's release marker after a reset, else null
     * @param sessions what the guest kept in a session image that was removed (or was to be), else null
     */
    public record Outcome(Path image, Action action, ResetResult result, String detail, VmdiskException error,
                          ReleaseMarker marker, SessionContents sessions) {
        public Outcome(Path image, Action action, ResetResult result, String detail, VmdiskException error) {
            this(image, action, result, detail, error, null, null);
        }
    }

    private final NativeFs fs;
    private volatile ImageReset current;
    private volatile boolean aborted;
    private BiConsumer<Path, SessionContents> beforeRemoval = (image, contents) -> { };

    public BundleReset(NativeFs fs) {
        this.fs = fs;
    }

    /** Told what a session image holds just before it is removed, so the user reads it before it is gone. */
    public BundleReset beforeSessionRemoval(BiConsumer<Path, SessionContents> hook) {
        this.beforeRemoval = hook;
        return this;
    }

    /**
     * Resets the bundle in {@code dir}, image by image in name order, reporting each outcome to
     * {@code each} as it happens.
     *
     * @param sessions remove {@code sessiondata.img} (only that exact name, only when not held)
     * @param keepOld  keep each replaced image as IMAGE.old
     * @param progress a progress listener per image
     * @throws BadInputException {@code dir} is not a directory or holds no image
     */
    public List<Outcome> run(Path dir, boolean sessions, boolean keepOld, Function<Path, ResetProgress> progress,
                             Consumer<Outcome> each) {
        List<BundleImage> images = BundleScanner.scan(dir);
        if (images.isEmpty()) {
            throw new BadInputException(dir + ": no images (*.img, *.raw) in this directory (pass the VM bundle directory that holds them)");
        }
        // The app replacing a base (or the image) while vmdisk resets from the old one would leave neither true.
        DownloadsInProgress.refuseWhileDownloading(fs, dir);
        List<Outcome> outcomes = new ArrayList<>();
        boolean sessionSeen = false;
        for (BundleImage image : images) {
            if (aborted) {
                break;
            }
            Outcome o;
            if (!FileNames.representable(image.path())) {
                o = new Outcome(image.path(), Action.FAILED, null, "", FileNames.unrepresentable(image.path()));
            } else if (sessions && SessionImage.is(image.path())) {
                sessionSeen = true;
                o = removeSession(image.path());
            } else if (image.bases().isEmpty()) {
                o = new Outcome(image.path(), Action.SKIPPED, null, "no base beside it (" + image.path().getFileName()
                        + ".zst, .xz, .gz, .bz2 or .lz4); skipped", null);
            } else {
                o = reset(image, keepOld, progress.apply(image.path()));
            }
            outcomes.add(o);
            each.accept(o);
        }
        if (sessions && !sessionSeen && !aborted) {
            Outcome o = new Outcome(dir.resolve(SessionImage.NAME), Action.SKIPPED, null,
                    "not in the bundle; nothing to remove", null);
            outcomes.add(o);
            each.accept(o);
        }
        return outcomes;
    }

    /**
     * Stops the reset in progress before its rename (its old image stays) and starts no other.
     * Safe from a shutdown hook.
     *
     * @return true when a reset was stopped midway
     */
    public boolean abort() {
        aborted = true;
        ImageReset r = current;
        return r != null && r.abort();
    }

    private Outcome reset(BundleImage image, boolean keepOld, ResetProgress progress) {
        // zstd first (the scanner's order); a base whose bytes contradict its name only if no other is usable.
        BaseFile base = image.bases().stream().filter(BaseFile::usableByReset).findFirst().orElse(image.bases().get(0));
        ImageReset reset = new ImageReset(fs);
        current = reset;
        if (aborted) {
            reset.abort();
        }
        try {
            WriteLocked.refuse(fs, image.path()); // else the rename's EPERM reads as a matter of ownership
            ResetResult r = reset.run(new ResetRequest(image.path(), base.path(), keepOld), progress);
            return new Outcome(image.path(), Action.RESET, r, "", null, ReleaseMarker.carryOver(r.image(), r.base()), null);
        } catch (VmdiskException e) {
            return new Outcome(image.path(), Action.FAILED, null, "", e);
        } finally {
            current = null;
        }
    }

    /** Reads what the guest keeps in the session image (read-only, closed again), says it, then removes the image. */
    private Outcome removeSession(Path image) {
        SessionContents contents = SessionContents.of(image);
        try {
            HolderReport holders = fs.holders(image);
            if (!holders.held()) {
                beforeRemoval.accept(image, contents); // a held image stays: nothing is lost, nothing to announce
            }
            return new Outcome(image, Action.REMOVED, null, SessionImage.remove(fs, image), null, null, contents);
        } catch (VmdiskException e) {
            return new Outcome(image, Action.FAILED, null, "", e, null, contents);
        }
    }

    /** The first failure's exception, for the exit code; null when none failed. */
    public static VmdiskException firstFailure(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.action() == Action.FAILED).map(Outcome::error).findFirst().orElse(null);
    }
}
