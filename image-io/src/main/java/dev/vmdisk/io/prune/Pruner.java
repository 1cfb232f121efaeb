package dev.vmdisk.io.prune;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.asif.AsifSurvey;
import dev.vmdisk.io.compact.GuardedImage;
import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.ext4.Ext4Volume;
import dev.vmdisk.io.ext4.FsWriter;
import dev.vmdisk.io.ext4.PruneCheck;
import dev.vmdisk.io.ext4.PrunePhases;
import dev.vmdisk.io.ext4.PrunePlan;
import dev.vmdisk.io.ext4.PrunePlanner;
import dev.vmdisk.io.ext4.PruneRequest;
import dev.vmdisk.io.ext4.PruneWriter;
import dev.vmdisk.io.guest.AllocatedFreeSpace;
import dev.vmdisk.io.guest.GuestFileSystems;
import dev.vmdisk.io.guest.GuestFs;
import dev.vmdisk.io.inspect.OpenImage;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.Extent;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code vmdisk prune}: removes stale entries from the ext file system inside a stopped guest's image,
 * offline, then gives their space back to the host.
 *
 * <p>The gate is compact's ({@link GuardedImage}: no holder, vmdisk's lock, the kernel's write lease on the
 * one open file), asked again before each write phase and before each punch. The plan is built and checked
 * whole, read-only ({@link PrunePlanner}: an unclean or not fully understood file system, or one whose
 * bitmaps, counts and reference walk disagree, is refused with exit 4 before anything is written), then
 * written in three synced phases ({@link PruneWriter}), then the file system is read again and checked as
 * the trim survey checks it ({@link PruneCheck}); only then are its free blocks punched out of the image, as
 * {@code compact} trims them (raw: {@link AllocatedFreeSpace}; ASIF: {@link AsifSurvey}, data chunks only).
 */
public final class Pruner {
    private final NativeFs fs;
    private final java.util.function.Function<GuardedImage, ImageClones> clones;

    /** A pruner that clones the image first where the host file system can ({@link HostClones}). */
    public Pruner(NativeFs fs) {
        this.fs = fs;
        this.clones = guarded -> new HostClones(fs, guarded::check);
    }

    /** A pruner with the given clones ({@link ImageClones#NONE}: none). */
    public Pruner(NativeFs fs, ImageClones clones) {
        this.fs = fs;
        this.clones = guarded -> clones;
    }

    /**
     * Prunes {@code image}. {@code hook} is told after each synced write phase (tests stop a run there).
     *
     * @throws dev.vmdisk.io.ImageInUseException a process holds the image (exit 3); nothing was written
     * @throws BadInputException                 the file system may not be pruned (exit 4); nothing was written
     */
    public PruneResult prune(Path image, PruneRequest request, boolean dryRun, PrunePhases hook) {
        long t0 = System.nanoTime();
        try (GuardedImage guarded = GuardedImage.open(fs, image, dryRun)) {
            OpenImage open = guarded.image();
            NativeFile file = open.file();
            long allocatedBefore = file.allocatedBytes();
            AsifImage asif = AsifImage.isAsif(open.channel()) ? AsifImage.read(open.channel(), image) : null;
            FileChannel disk = asif != null ? asif.disk() : open.channel();
            long diskSize = asif != null ? asif.virtualSize() : file.apparentSize();
            GuestFs where = onlyFileSystem(image, ContentDetector.detect(disk, 0, diskSize, image));
            Ext4Volume volume = Ext4Volume.open(disk, where.offset(), where.length(), image);
            PrunePlan plan = PrunePlanner.plan(volume, request);
            String format = asif != null ? "asif" : "raw";
            if (dryRun || plan.isEmpty()) {
                return new PruneResult(image, format, dryRun, plan.under(), request.olderThanSeconds(), plan.entries(),
                        plan.freedBytes(), plan.inodesFreed(), plan.inodesUnlinked(), plan.guestFreeBytes(),
                        plan.guestFreeBytes() + plan.freedBytes(), allocatedBefore, dryRun ? -1 : allocatedBefore, 0, false,
                        seconds(t0), guarded.warning());
            }
            FsWriter writer;
            if (asif != null) {
                AsifFsWriter w = new AsifFsWriter(file, asif, where.offset());
                w.requireWritable(PruneWriter.writeRanges(volume, plan));
                writer = w;
            } else {
                writer = new RawFsWriter(file, where.offset(), where.length());
            }
            boolean[] writing = {false};
            PrunePhases phases = new PrunePhases() {
                @Override
                public void before(Phase phase) {
                    guarded.check();
                    writing[0] = true;
                    hook.before(phase);
                }

                @Override
                public void after(Phase phase) {
                    hook.after(phase);
                }
            };
            ImageClones.Backup backup = clones.apply(guarded).take(file);
            Ext4Volume after;
            AllocatedFreeSpace.Builder free = new AllocatedFreeSpace.Builder(file, open.channel(), file.fsBlockSize());
            try {
                PruneWriter.write(volume, plan, writer, phases, request.nowSeconds());
                after = Ext4Volume.open(disk, where.offset(), where.length(), image);
                PruneCheck.verify(after, plan, asif != null ? (offset, length) -> { } : free);
            } catch (ExclusivityLostException e) {
                // Another process has the image open now: writing the clone back would change it under that
                // process. The synced phases leave leaks only, so the image stays as they left it.
                backup.discard();
                throw new ExclusivityLostException(e.getMessage() + (writing[0]
                        ? "; prune stopped between two synced phases: the guest file system is marked not clean and holds at"
                        + " most leaked inodes and blocks, nothing marked free that is used; run e2fsck -f on the image (the"
                        + " guest does at boot), then vmdisk prune again"
                        : "; nothing was written"), e.holders());
            } catch (RuntimeException | Error e) {
                if (backup.taken()) {
                    try {
                        backup.restore();
                    } catch (RuntimeException notRestored) {
                        e.addSuppressed(notRestored);
                    }
                }
                throw e;
            }
            backup.discard();
            long trimmed = asif != null ? trimAsif(guarded, asif) : trimRaw(guarded, free.build());
            file.sync();
            return new PruneResult(image, format, false, plan.under(), request.olderThanSeconds(), plan.entries(),
                    plan.freedBytes(), plan.inodesFreed(), plan.inodesUnlinked(), plan.guestFreeBytes(),
                    after.info().freeBytes(), allocatedBefore, file.allocatedBytes(), trimmed, backup.taken(), seconds(t0),
                    guarded.warning());
        }
    }

    /** The one ext file system of the image (the whole disk, or its one ext partition); anything else is refused. */
    private static GuestFs onlyFileSystem(Path image, ImageContent content) {
        List<GuestFs> found = GuestFileSystems.in(content);
        if (found.isEmpty()) {
            throw new BadInputException(image + ": no ext2/3/4 file system in the image (it holds "
                    + content.kind().name().toLowerCase(java.util.Locale.ROOT) + "); prune removes entries from ext file systems only");
        }
        if (found.size() > 1 || GuestFileSystems.overlap(content) != null) {
            throw new BadInputException(image + ": the image holds " + found.size()
                    + " ext file systems; prune works on an image with one (a session disk)");
        }
        return found.get(0);
    }

    /** Punches the guest's free space the host still allocates, as compact's trim does, asking before each punch. */
    private static long trimRaw(GuardedImage guarded, AllocatedFreeSpace free) {
        NativeFile file = guarded.image().file();
        for (int i = 0; i < free.count(); i++) {
            guarded.check();
            file.punchHole(free.start(i), free.end(i) - free.start(i));
        }
        return free.bytes();
    }

    /** The same inside an ASIF file: only within its data chunks, never a table, bitmap or directory. */
    private static long trimAsif(GuardedImage guarded, AsifImage asif) {
        NativeFile file = guarded.image().file();
        AsifSurvey survey = AsifSurvey.of(file, asif, true, true, null);
        long total = 0;
        for (Extent e : survey.free()) {
            guarded.check();
            file.punchHole(e.offset(), e.length());
            total += e.length();
        }
        return total;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
