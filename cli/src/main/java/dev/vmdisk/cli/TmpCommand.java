package dev.vmdisk.cli;

import dev.vmdisk.io.CountProgress;
import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.tmp.AgentTempDir;
import dev.vmdisk.io.tmp.AgentTempDirs;
import dev.vmdisk.io.tmp.TempDirReport;
import dev.vmdisk.io.tmp.TempEntry;
import dev.vmdisk.io.tmp.TempSweep;
import dev.vmdisk.io.tmp.TempSweepResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vmdisk tmp}: agent temp directories, how full they make their file system and quota, and a safe sweep of what is stale. */
@Command(name = "tmp",
        mixinStandardHelpOptions = true,
        header = "Measure agent temp directories and sweep what is stale in them.",
        description = {"For each agent temp directory of this user (/tmp/claude-UID and claude-UID under",
                "$TMPDIR for Claude Code, $CODEX_HOME/tmp for Codex, ~/.gemini/tmp for Gemini CLI,",
                "measured only) or each DIR: its size and entries, how full its file system and",
                "the owner's quota there are, and its stale entries: neither accessed nor modified",
                "for AGE and not open, mapped or a working directory of any live process. --clean",
                "removes them, deepest first, directories only when left empty; links are removed,",
                "never followed; other file systems, other users' entries (unless root), sockets",
                "and FIFOs are kept. Without --clean, a dry run lists the same."})
final class TmpCommand extends VmdiskCommand {

    @ArgGroup(exclusive = true)
    JsonOrQuiet stdout = new JsonOrQuiet();

    @Mixin
    ProgressOption progress;

    @Option(names = "--dir", paramLabel = "DIR", description = "Sweep this directory instead of the agents' own (repeatable).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--older-than", paramLabel = "AGE", converter = AgeParser.class, defaultValue = "72h",
            description = "Stale after this long unaccessed and unmodified: 30m, 72h, 3d, 1w (default: ${DEFAULT-VALUE}).")
    Duration olderThan;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    /** Remove, or only list (the default); never both. */
    static final class Mode {
        @Option(names = "--clean", description = "Remove the stale entries.")
        boolean clean;

        @Option(names = "--dry-run", description = "List what --clean would remove, and remove nothing (the default).")
        boolean dryRun;
    }

    @Override
    public Integer call() {
        // --quiet: no result lines and no warnings; errors (entries that could not be removed) still go to stderr.
        PrintWriter out = stdout.quiet ? new PrintWriter(Writer.nullWriter()) : out();
        PrintWriter err = err();
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "");
        int uid = CurrentUser.uid();
        List<AgentTempDir> targets = new ArrayList<>();
        if (!dirs.isEmpty()) {
            dirs.forEach(d -> targets.add(AgentTempDirs.given(d, home)));
        } else if (!AgentTempDirs.looksHereOn(os) || uid < 0) {
            out.println("vmdisk tmp: agent temp directories are not looked for on " + os + " (name one with --dir DIR)");
            return ExitCode.OK.code();
        } else {
            targets.addAll(AgentTempDirs.find(uid, home, System.getenv()));
            if (targets.isEmpty()) {
                out.println("vmdisk tmp: no agent temp directory of uid " + uid + " here (looked for /tmp/claude-" + uid
                        + ", claude-" + uid + " under $TMPDIR, $CODEX_HOME/tmp or ~/.codex/tmp, ~/.gemini/tmp)");
                return ExitCode.OK.code();
            }
        }
        TempSweepResult result = new TempSweep(fs(), uid, Instant.now(), olderThan).run(targets, mode.clean,
                progress.shown(stdout.quiet) ? ProgressBars.countBar("tmp", "entries", err) : CountProgress.NONE);
        if (stdout.json) {
            out.println(Json.write(JsonDocument.of(toJson(result, olderThan))));
        } else {
            result.dirs().forEach(d -> printText(out, d, olderThan));
        }
        if (result.open().unchecked() > 0 && !stdout.quiet) {
            err.println("vmdisk: warning: " + result.open().unchecked() + (result.open().unchecked() == 1 ? " process" : " processes")
                    + " could not be checked for open files" + (uid == 0 ? " even as root (the kernel denied it)"
                    : "; what they hold may have been taken for stale (run as root to be sure)"));
        }
        long failures = result.failures();
        if (failures > 0) {
            err.println("vmdisk: " + failures + (failures == 1 ? " entry" : " entries") + " could not be removed; see the kept list");
            return ExitCode.ENVIRONMENT.code();
        }
        return ExitCode.OK.code();
    }

    private static void printText(PrintWriter out, TempDirReport d, Duration age) {
        out.println(d.dir().path() + " (" + d.dir().agent() + ")");
        out.printf("  %-14s %s in %d entries%n", "size", Sizes.human(d.fileBytes()), d.entries());
        out.printf("  %-14s %s%n", "file system", HostFsText.fileSystem(d.volume(), d.fs()));
        out.printf("  %-14s %s%n", "quota", "uid " + d.ownerUid() + ": " + HostFsText.quota(d.quota()));
        if (!d.dir().mayBeSwept()) {
            out.printf("  %-14s %s%n", "not swept", d.dir().sweepNote().orElseThrow());
            return;
        }
        String removeWord = d.cleaned() ? "removed" : "would remove";
        long fresh = 0;
        for (TempEntry e : d.swept()) {
            if (e.removed()) {
                out.printf("  %-14s %-9s %s (%s)%n", removeWord, e.kind().word(), e.path(), Sizes.human(e.bytes()));
            } else if (e.verdict() == TempEntry.Verdict.FRESH) {
                fresh++;
            } else {
                out.printf("  %-14s %-9s %s: %s%n", "kept", e.kind().word(), e.path(), TempEntryWhy.of(e.why()));
            }
        }
        if (fresh > 0) {
            out.printf("  %-14s %d fresh %s (accessed or modified within %s)%n", "kept", fresh, fresh == 1 ? "entry" : "entries", Ages.human(age));
        }
        out.printf("  %-14s %s %d %s (%s), kept %d%n", "total", removeWord, d.removedCount(),
                d.removedCount() == 1 ? "entry" : "entries", Sizes.human(d.removedBytes()), d.keptCount());
    }

    static Map<String, Object> toJson(TempSweepResult r, Duration age) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("olderThanSeconds", age.getSeconds());
        m.put("uncheckedProcesses", r.open().unchecked());
        m.put("holdersUnknown", r.open().known() ? null : r.open().unknown().orElseThrow());
        List<Object> list = new ArrayList<>();
        r.dirs().forEach(d -> list.add(dirJson(d)));
        m.put("dirs", list);
        return m;
    }

    static Map<String, Object> dirJson(TempDirReport d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", d.dir().path().toString());
        m.put("agent", d.dir().agent());
        m.put("swept", d.dir().mayBeSwept());
        m.put("notSweptBecause", d.dir().sweepNote().orElse(null));
        m.put("cleaned", d.cleaned());
        m.put("fileBytes", d.fileBytes());
        m.put("entries", d.entries());
        m.put("volume", d.volume());
        m.put("fileSystem", HostFsJson.fileSystem(d.fs()));
        m.put("ownerUid", d.ownerUid());
        m.put("quota", HostFsJson.quota(d.quota()));
        List<Object> removed = new ArrayList<>();
        List<Object> kept = new ArrayList<>();
        for (TempEntry e : d.swept()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("path", e.path().toString());
            em.put("kind", e.kind().word());
            em.put("bytes", e.bytes());
            if (!e.removed()) {
                em.put("reason", e.verdict().word());
            }
            em.put("detail", TempEntryWhy.of(e.why()));
            (e.removed() ? removed : kept).add(em);
        }
        m.put("removedCount", d.removedCount());
        m.put("removedBytes", d.removedBytes());
        m.put("removed", removed);
        m.put("kept", kept);
        return m;
    }
}
