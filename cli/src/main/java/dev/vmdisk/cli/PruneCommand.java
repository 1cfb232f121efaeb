package dev.vmdisk.cli;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.CountProgress;
import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.bundle.SessionImage;
import dev.vmdisk.io.ext4.PruneEntry;
import dev.vmdisk.io.ext4.PrunePhases;
import dev.vmdisk.io.ext4.PruneRequest;
import dev.vmdisk.io.inspect.FileNames;
import dev.vmdisk.io.nativefs.WriteLocked;
import dev.vmdisk.io.prune.PruneResult;
import dev.vmdisk.io.prune.Pruner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code vmdisk prune}: remove stale session directories from a stopped guest's disk, offline, and give their space back. */
@Command(name = "prune",
        mixinStandardHelpOptions = true,
        header = "Remove stale session directories inside a stopped guest's disk and give the space back.",
        description = "Removes the entries directly under PATH in the image's ext2/3/4 file system (by default the "
                + "root of a session disk, or /sessions where the file system has it) whose last activity, the newest mtime "
                + "or ctime of the entry and of everything under it, is older than AGE, except lost+found and the names "
                + "given with --keep; then trims the freed blocks as compact does, so the space comes back in the guest and "
                + "on the host. A BUNDLE means its sessiondata.img. Raw and ASIF images (ASIF: only where the file already "
                + "stores the bytes). Refuses (exit 3) while any process holds the image, and (exit 4) a file system that is "
                + "not clean, uses a feature prune does not write under, or whose bitmaps and inodes disagree; nothing is "
                + "written then. Writes in three synced phases (names, inodes, blocks), so an interruption leaves at worst "
                + "leaks e2fsck reclaims; the file system is checked again afterwards.")
final class PruneCommand extends VmdiskCommand {

    @ArgGroup(exclusive = true)
    JsonOrQuiet stdout = new JsonOrQuiet();

    @Mixin
    ProgressOption progress;

    @Parameters(index = "0", paramLabel = "IMAGE|BUNDLE", description = "The session image, or a bundle directory (its sessiondata.img).")
    Path path;

    @Option(names = "--older-than", paramLabel = "AGE", converter = AgeParser.class, defaultValue = "30d",
            description = "Remove entries idle longer than this: 12h, 30d, 8w (default: ${DEFAULT-VALUE}).")
    Duration olderThan;

    @Option(names = "--under", paramLabel = "PATH",
            description = "The guest directory whose entries are judged (default: /sessions if it exists, else /).")
    String under;

    @Option(names = "--keep", paramLabel = "NAME", description = "Never remove this entry (repeatable).")
    List<String> keep = new ArrayList<>();

    @Option(names = "--dry-run", description = "Report what would be removed; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        // --quiet: no result lines and no warnings; a refusal is an error and still says why on stderr.
        PrintWriter out = stdout.quiet ? new PrintWriter(Writer.nullWriter()) : out();
        PrintWriter err = stdout.quiet ? new PrintWriter(Writer.nullWriter()) : err();
        Path image = imageOf(path);
        FileNames.requireRepresentable(image);
        if (!dryRun) {
            WriteLocked.refuse(fs(), image);
        }
        long now = System.currentTimeMillis() / 1000;
        PruneRequest request = new PruneRequest(under, now, olderThan.getSeconds(), new LinkedHashSet<>(keep));
        CountProgress bar = progress.shown(stdout.quiet) ? ProgressBars.countBar("prune " + image.getFileName(), "phases", err())
                : CountProgress.NONE;
        PruneResult r;
        try {
            r = new Pruner(fs()).prune(image, request, dryRun, phases(bar));
        } finally {
            bar.end();
        }
        if (!r.warning().isEmpty()) {
            err.println("vmdisk: warning: " + r.image() + ": " + r.warning());
        }
        for (String k : keep) { // a mistyped name protects nothing: say so
            if (r.entries().stream().noneMatch(e -> e.name().equals(k))) {
                err.println("vmdisk: warning: " + r.image() + ": --keep " + k + ": no such entry under " + r.under());
            }
        }
        if (stdout.json) {
            out.println(Json.write(toMap(r)));
        } else {
            text(r).forEach(out::println);
        }
        return 0; // success; a refusal is an exception, mapped to its exit code (README: Exit codes)
    }

    /** prune's three synced write phases as steps of {@code bar}: begun before the first, one step as each is synced. */
    private static PrunePhases phases(CountProgress bar) {
        return new PrunePhases() {
            @Override
            public void before(Phase phase) {
                if (phase.ordinal() == 0) {
                    bar.begin(Phase.values().length);
                }
            }

            @Override
            public void after(Phase phase) {
                bar.advance(phase.ordinal() + 1);
            }
        };
    }

    /** A bundle directory stands for its session image; anything else is the image itself. */
    static Path imageOf(Path given) {
        if (!Files.isDirectory(given)) {
            return given;
        }
        Path session = given.resolve(SessionImage.NAME);
        if (!Files.exists(session)) {
            throw new BadInputException(given + ": a directory without " + SessionImage.NAME + "; give the session image or its bundle");
        }
        return session;
    }

    static List<String> text(PruneResult r) {
        List<String> lines = new ArrayList<>();
        String seconds = String.format(Locale.ROOT, "%.1f s", r.seconds());
        String age = Ages.human(Duration.ofSeconds(r.olderThanSeconds()));
        String verb = r.dryRun() ? "would remove" : "removed";
        String summary = r.image() + ": " + verb + " " + r.removed().size() + " of " + r.entries().size() + " entries under "
                + r.under() + " idle more than " + age + " (" + Sizes.human(r.removedBytes()) + ")";
        if (r.dryRun()) {
            lines.add(summary + "; guest free " + Sizes.human(r.guestFreeBefore()) + " -> " + Sizes.human(r.guestFreeAfter())
                    + "; allocated " + Sizes.human(r.allocatedBefore()) + " (dry run, nothing changed, " + seconds + ")");
        } else {
            lines.add(summary + "; guest free " + Sizes.human(r.guestFreeBefore()) + " -> " + Sizes.human(r.guestFreeAfter())
                    + "; allocated " + Sizes.human(r.allocatedBefore()) + " -> " + Sizes.human(r.allocatedAfter())
                    + " (" + seconds + ")");
        }
        for (PruneEntry e : r.removed()) {
            lines.add(String.format(Locale.ROOT, "  %-12s %-32s %10s  idle %s", verb, e.name(), Sizes.human(e.bytes()), idle(e)));
        }
        for (PruneEntry e : r.kept()) {
            lines.add(String.format(Locale.ROOT, "  %-12s %-32s %10s  %s", "kept", e.name(), Sizes.human(e.bytes()), why(e)));
        }
        return lines;
    }

    private static String idle(PruneEntry e) {
        return e.idleSeconds() < 0 ? "none (its times lie in the future)" : Ages.human(Duration.ofSeconds(e.idleSeconds()));
    }

    private static String why(PruneEntry e) {
        return switch (e.keptBecause()) {
            case "recent" -> "idle " + idle(e) + " (recent)";
            case "--keep" -> "named by --keep (idle " + idle(e) + ")";
            case "lost+found" -> "e2fsck's lost+found";
            default -> e.keptBecause();
        };
    }

    static Map<String, Object> toMap(PruneResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 1);
        m.put("path", r.image().toString());
        m.put("format", r.format());
        m.put("dryRun", r.dryRun());
        m.put("under", r.under());
        m.put("olderThanSeconds", r.olderThanSeconds());
        List<Object> removed = new ArrayList<>();
        List<Object> kept = new ArrayList<>();
        for (PruneEntry e : r.entries()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("name", e.name());
            em.put("directory", e.directory());
            em.put("sizeBytes", e.bytes());
            em.put("idleSeconds", e.idleSeconds());
            em.put("lastActivitySeconds", e.lastActivitySeconds());
            if (!e.remove()) {
                em.put("reason", e.keptBecause());
            }
            (e.remove() ? removed : kept).add(em);
        }
        m.put("removed", removed);
        m.put("kept", kept);
        m.put("removedBytes", r.removedBytes());
        m.put("freedBytes", r.freedBytes());
        m.put("inodesFreed", r.inodesFreed());
        m.put("inodesUnlinked", r.inodesUnlinked());
        m.put("guestFreeBeforeBytes", r.guestFreeBefore());
        m.put("guestFreeAfterBytes", r.guestFreeAfter());
        m.put("allocatedBeforeBytes", r.allocatedBefore());
        m.put("allocatedAfterBytes", r.dryRun() ? null : r.allocatedAfter());
        m.put("trimmedBytes", r.trimmedBytes());
        m.put("cloned", r.cloned());
        m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        return m;
    }
}
