package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;

import java.util.HashMap;
import java.util.Map;

/**
 * The check after a prune, on the file system opened again: still clean and fully understood, the trim
 * survey's cross-check passes (bitmaps equal the reference walk of every in-use inode and directory), the
 * free counts equal the bitmaps (descriptors and superblock), and no removed name is left. The free runs
 * the survey finds are handed on, so the trim that follows needs no second walk; the caller punches none
 * of them before this returns.
 */
public final class PruneCheck {
    private PruneCheck() {
    }

    /** @throws BadInputException naming what disagrees (then the file system needs e2fsck -f) */
    public static void verify(Ext4Volume reopened, PrunePlan plan, Ext4Volume.FreeRunSink freeRuns) {
        TrimVerdict verdict = reopened.trimVerdict();
        if (!verdict.allowed()) {
            throw new BadInputException(reopened.name() + ": after pruning: " + verdict.reason());
        }
        reopened.forEachFreeRun(freeRuns); // the free runs go to the caller's trim only once this whole check passes

        BitmapCounts.check(reopened, true, "after pruning");
        Map<String, Long> removed = new HashMap<>();
        plan.removed().forEach(e -> removed.put(e.name(), e.inode()));
        for (DirEntry e : reopened.list(reopened.inode(plan.parentInode))) {
            Long gone = removed.get(e.name());
            if (gone != null && gone == e.inode()) {
                throw new BadInputException(reopened.name() + ": after pruning: " + plan.under() + " still names '" + e.name()
                        + "'; run e2fsck -f on the image");
            }
        }
    }
}
