package dev.vmdisk.io.tmp;

import dev.vmdisk.io.CountProgress;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.OpenFileSet;
import dev.vmdisk.io.nativefs.QuotaUsage;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sweeps agent temp directories: an entry goes when it was neither accessed nor modified within the age
 * (a directory: not modified, since listing it counts as access),
 * no live process holds it (one scan of every process, after the walk, so nothing opened during the walk
 * is missed), it is this user's (or the run is root's), it is on the directory's own file system, and it
 * is a file, a link or a directory left empty. Links are removed, never followed. The directory itself
 * stays. Just before each removal the entry is read again, and kept if it changed since the walk.
 */
public final class TempSweep {
    private final NativeFs fs;
    private final int uid;
    private final Instant now;
    private final Duration age;

    /**
     * @param uid the user this runs as: entries of other users are kept unless it is 0 (root)
     * @param now the time staleness is measured from
     * @param age entries accessed or modified within this long before {@code now} are fresh
     */
    public TempSweep(NativeFs fs, int uid, Instant now, Duration age) {
        this.fs = fs;
        this.uid = uid;
        this.now = now;
        this.age = age;
    }

    /** Measures every directory and sweeps those that may be swept; removes only when {@code clean}. */
    public TempSweepResult run(List<AgentTempDir> dirs, boolean clean) {
        return run(dirs, clean, CountProgress.NONE);
    }

    /** As {@link #run(List, boolean)}, following the walk in entries read (their total is not known beforehand). */
    public TempSweepResult run(List<AgentTempDir> dirs, boolean clean, CountProgress progress) {
        List<TempTree> trees = new ArrayList<>();
        progress.begin(-1);
        try {
            TempTree.Counter counter = new TempTree.Counter(progress);
            for (AgentTempDir d : dirs) {
                trees.add(TempTree.walk(d.path(), counter));
            }
            counter.report();
        } finally {
            progress.end();
        }
        boolean sweeping = dirs.stream().anyMatch(AgentTempDir::mayBeSwept);
        OpenFileSet open = sweeping ? fs.openFiles() : OpenFileSet.unknown("no directory to sweep");
        List<TempDirReport> reports = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            AgentTempDir d = dirs.get(i);
            TempTree tree = trees.get(i);
            List<Planned> plan = new ArrayList<>();
            if (d.mayBeSwept()) {
                for (TempTree child : tree.children) {
                    decide(child, tree.node.id().device(), open, plan);
                }
            }
            List<TempEntry> swept = clean ? apply(plan) : plan.stream().map(Planned::entry).toList();
            reports.add(new TempDirReport(d, volume(d.path()), tree.fileBytes(), tree.entryCount(), tree.node.uid(),
                    figures(d.path()), quota(d.path(), tree.node.uid()), swept, clean));
        }
        return new TempSweepResult(reports, open);
    }

    private record Planned(TempNode node, TempEntry entry) {
    }

    /** Decides {@code t} after its children (so the plan is deepest first) and says whether it goes. */
    private boolean decide(TempTree t, long device, OpenFileSet open, List<Planned> plan) {
        TempNode n = t.node;
        boolean childrenGo = true;
        long kept = 0;
        for (TempTree c : t.children) {
            if (!decide(c, device, open, plan)) {
                childrenGo = false;
                kept++;
            }
        }
        TempEntry.Verdict v;
        TempEntry.Why why = TempEntry.Why.of(null, secondsAgo(n.accessed()), secondsAgo(n.modified()));
        Instant cutoff = now.minus(age);
        if (n.id().device() != device) {
            v = TempEntry.Verdict.OTHER_FILE_SYSTEM;
            why = why.with(TempEntry.Reason.OTHER_FILE_SYSTEM);
        } else if (uid != 0 && n.uid() != uid) {
            v = TempEntry.Verdict.OTHER_OWNER;
            why = why.with(TempEntry.Reason.OTHER_OWNER, n.uid(), "");
        } else if (n.kind() == TempEntry.Kind.SPECIAL) {
            v = TempEntry.Verdict.SPECIAL;
            why = why.with(TempEntry.Reason.SPECIAL_FILE);
        } else if (newer(n.modified(), cutoff)) {
            v = TempEntry.Verdict.FRESH;
            why = why.with(TempEntry.Reason.MODIFIED_RECENTLY);
        } else if (n.kind() != TempEntry.Kind.DIRECTORY && newer(n.accessed(), cutoff)) {
            // a directory's access time is not used: listing it (ls, find, this very sweep) sets it
            v = TempEntry.Verdict.FRESH;
            why = why.with(TempEntry.Reason.ACCESSED_RECENTLY);
        } else if (n.kind() != TempEntry.Kind.SYMLINK && !open.known()) {
            v = TempEntry.Verdict.HOLDERS_UNKNOWN;
            why = why.with(TempEntry.Reason.HOLDERS_UNKNOWN, 0, open.unknown().orElseThrow());
        } else if (n.kind() != TempEntry.Kind.SYMLINK && open.files().contains(n.id())) {
            v = TempEntry.Verdict.HELD;
            why = why.with(TempEntry.Reason.HELD);
        } else if (t.unreadable.isPresent()) {
            v = TempEntry.Verdict.UNREADABLE;
            why = why.with(TempEntry.Reason.UNREADABLE, 0, t.unreadable.get());
        } else if (!childrenGo) {
            v = TempEntry.Verdict.NOT_EMPTY;
            why = why.with(TempEntry.Reason.ENTRIES_KEPT_INSIDE, kept, "");
        } else {
            v = TempEntry.Verdict.REMOVE;
            why = why.with(TempEntry.Reason.STALE);
        }
        plan.add(new Planned(n, new TempEntry(n.path(), n.kind(), n.bytes(), v, why)));
        return v == TempEntry.Verdict.REMOVE;
    }

    private static boolean newer(FileTime t, Instant cutoff) {
        return t.toInstant().isAfter(cutoff);
    }

    private long secondsAgo(FileTime t) {
        return Duration.between(t.toInstant(), now).getSeconds();
    }

    /** Removes the planned entries deepest first; a directory goes only when all it held went. */
    private static List<TempEntry> apply(List<Planned> plan) {
        List<TempEntry> done = new ArrayList<>();
        Set<Path> keepsSomething = new HashSet<>();
        for (Planned p : plan) {
            TempEntry e = p.entry();
            if (e.removed()) {
                e = remove(p, keepsSomething.contains(p.node().path()));
            }
            if (!e.removed()) {
                keepsSomething.add(e.path().getParent());
            }
            done.add(e);
        }
        return done;
    }

    private static TempEntry remove(Planned p, boolean childKept) {
        TempEntry e = p.entry();
        if (childKept) {
            return kept(e, TempEntry.Verdict.NOT_EMPTY, TempEntry.Reason.CHILD_NOT_REMOVED, "");
        }
        try {
            if (!p.node().unchangedIn(TempNode.of(e.path()))) {
                return kept(e, TempEntry.Verdict.CHANGED, TempEntry.Reason.CHANGED_SINCE_SCAN, "");
            }
            Files.delete(e.path()); // unlink or rmdir: neither follows a link
            return e;
        } catch (NoSuchFileException gone) {
            return kept(e, TempEntry.Verdict.CHANGED, TempEntry.Reason.REMOVED_MEANWHILE, "");
        } catch (DirectoryNotEmptyException notEmpty) {
            return kept(e, TempEntry.Verdict.NOT_EMPTY, TempEntry.Reason.CREATED_INSIDE_SINCE_SCAN, "");
        } catch (IOException failed) {
            return kept(e, TempEntry.Verdict.FAILED, TempEntry.Reason.REMOVE_FAILED, String.valueOf(failed.getMessage()));
        }
    }

    private static TempEntry kept(TempEntry e, TempEntry.Verdict v, TempEntry.Reason reason, String message) {
        return new TempEntry(e.path(), e.kind(), e.bytes(), v, e.why().with(reason, 0, message));
    }

    private static String volume(Path dir) {
        try {
            return Files.getFileStore(dir).toString();
        } catch (IOException e) {
            throw new EnvironmentException(dir + ": cannot read its file system: " + e.getMessage(), e);
        }
    }

    private FsFigures figures(Path dir) {
        return fs.fsFigures(dir);
    }

    private QuotaUsage quota(Path dir, int owner) {
        return fs.userQuota(dir, owner);
    }
}
