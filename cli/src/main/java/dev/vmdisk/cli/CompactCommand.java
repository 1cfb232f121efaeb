package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.compact.AsifCompactor;
import dev.vmdisk.io.compact.ByFormat;
import dev.vmdisk.io.compact.CompactResult;
import dev.vmdisk.io.compact.Compactor;
import dev.vmdisk.io.compact.TrimCompactor;
import dev.vmdisk.io.compact.ZeroCompactor;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.inspect.FileNames;
import dev.vmdisk.io.nativefs.WriteLocked;
import dev.vmdisk.io.scan.ScanProgress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code vmdisk compact}: trim the guest file systems' free blocks and punch out the all-zero blocks of images, in place. */
@Command(name = "compact",
        header = "Give disk space back: punch holes where image blocks hold nothing, in place.",
        mixinStandardHelpOptions = true,
        description = "Give back to the host the space a VM image holds for nothing, in place, keeping its size and "
                + "content: the free blocks of each ext2/3/4 file system in it (the whole image, or each MBR/GPT "
                + "partition), punched without reading them, then every all-zero block of the rest. Refuses (exit 3) "
                + "while any process holds the image; stop the VM first. Refuses (exit 4) to trim a file system that "
                + "is not clean (boot and shut the VM down cleanly, or run e2fsck -f); --zeros-only still works. "
                + "Nothing is changed when it refuses. An ASIF image (macOS 26) is compacted inside its data chunks only: "
                + "its header, directories, tables, bitmaps and metadata stay byte for byte as they were. For a script run before every start of the app: "
                + "--if-reclaimable SIZE, --if-allocated-over SIZE, --skip-busy and --quiet.")
final class CompactCommand extends VmdiskCommand {

    @ArgGroup(exclusive = true)
    JsonOrQuiet stdout = new JsonOrQuiet();

    @Mixin
    ProgressOption progress;

    @Mixin
    PreLaunchOptions preLaunch;

    @Parameters(arity = "1..*", paramLabel = "IMAGE|BUNDLE",
            description = "Raw disk image(s) to compact; a directory stands for its images (*.img, *.raw), as vmdisk status lists them.")
    List<Path> paths;

    @Option(names = "--dry-run", description = "Report what would be freed; change nothing.")
    boolean dryRun;

    @Option(names = "--zeros-only", description = "Only punch all-zero blocks; leave the guest's free blocks alone.")
    boolean zerosOnly;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        List<Path> images = ImageArgs.expand(paths);
        // An ASIF file is compacted inside its data chunks only, its format left as it is.
        Compactor raw = zerosOnly ? new ZeroCompactor(fs()) : new TrimCompactor(fs());
        Compactor byFormat = new ByFormat(raw, new AsifCompactor(fs(), !zerosOnly));
        GatedCompaction gated = new GatedCompaction(fs(), preLaunch, byFormat);
        boolean showProgress = progress.shown(stdout.quiet);
        List<Object> reports = new ArrayList<>();
        int exit = EachImage.run(images, err, image -> {
            FileNames.requireRepresentable(image); // a bundle's entry whose name Java cannot pass back to the OS
            if (!dryRun) {
                WriteLocked.refuse(fs(), image);
            }
            long freeBefore = dryRun ? -1 : volumeFree(image);
            GatedCompaction.Outcome outcome = gated.run(image, dryRun, () -> showProgress ? ProgressBars.scanBar(err) : ScanProgress.NONE);
            VolumeChange volume = null;
            if (freeBefore >= 0 && outcome instanceof GatedCompaction.Done d && volumeFree(image) >= 0) {
                CompactResult r = d.result();
                volume = new VolumeChange(freeBefore, volumeFree(image),
                        r.allocatedBefore() - r.allocatedAfter(), fs().platformName().startsWith("macos"));
            }
            report(outcome, volume, out, err, reports);
        });
        if (stdout.json && !reports.isEmpty()) {
            out.println(Json.write(JsonDocument.images(reports))); // an array, as inspect and holders have, however many images
        }
        return exit;
    }

    /**
     * The free bytes of the volume holding {@code image}, or -1 when they cannot be read (a missing file, a
     * link loop): the compact itself then says what is wrong, in its own words.
     */
    private long volumeFree(Path image) {
        try {
            return fs().fsFigures(image).freeBytes();
        } catch (VmdiskException e) {
            return -1;
        }
    }

    /** @param volume the volume's free space around a real compact; null for a dry run or a skipped image */
    private void report(GatedCompaction.Outcome outcome, VolumeChange volume, PrintWriter out, PrintWriter err, List<Object> reports) {
        if (stdout.quiet) {
            return;
        }
        if (outcome instanceof GatedCompaction.Done d) {
            CompactResult r = d.result();
            warn(err, r.image(), r.warning());
            if (volume != null) {
                warn(err, r.image(), volume.warning());
            }
            if (stdout.json) {
                Map<String, Object> m = toMap(r);
                if (volume != null) {
                    volume.putInto(m);
                }
                reports.add(m);
            } else {
                List<String> lines = new ArrayList<>(text(r));
                if (volume != null) {
                    lines.set(0, lines.get(0) + volume.suffix()); // one summary line per image, as scripts count them
                }
                lines.forEach(out::println);
            }
        } else if (outcome instanceof GatedCompaction.Skipped s) {
            warn(err, s.image(), s.warning());
            if (stdout.json) {
                reports.add(s.toMap());
            } else {
                out.println(s.line());
            }
        }
    }

    private static void warn(PrintWriter err, Path image, String warning) {
        if (!warning.isEmpty()) {
            err.println("vmdisk: warning: " + image + ": " + warning);
        }
    }

    /** The summary line, then one line per ext file system found. */
    static List<String> text(CompactResult r) {
        String seconds = String.format(Locale.ROOT, "%.1f s", r.seconds());
        boolean trimmed = !r.fileSystems().isEmpty();
        List<String> lines = new ArrayList<>();
        if (r.dryRun()) {
            lines.add(r.image() + ": would free "
                    + (trimmed ? Sizes.human(r.trimmedBytes()) + " of free guest blocks and " : "")
                    + Sizes.human(r.zeroBytes()) + " of zero blocks"
                    + "; allocated " + Sizes.human(r.allocatedBefore()) + " of " + Sizes.human(r.apparentSize())
                    + " (dry run, nothing changed, " + seconds + ")");
        } else {
            long zeroPunched = r.punchedBytes() - r.trimmedBytes();
            lines.add(r.image() + ": " + (trimmed ? "trimmed " + Sizes.human(r.trimmedBytes()) + " of free guest blocks and " : "")
                    + "punched " + Sizes.human(zeroPunched) + " of zero blocks"
                    + "; allocated " + Sizes.human(r.allocatedBefore()) + " -> " + Sizes.human(r.allocatedAfter())
                    + " of " + Sizes.human(r.apparentSize()) + " (" + seconds + ")");
        }
        String note = ForeignFormatNote.of(r);
        if (!note.isEmpty()) {
            lines.add("  " + note);
        }
        boolean asif = !r.fileSystems().isEmpty() && dev.vmdisk.io.compact.ByFormat.isAsif(r.image());
        for (GuestFsReport f : r.fileSystems()) {
            lines.add("  " + GuestFsOutput.describe(f, asif) + "; " + Sizes.human(f.hostAllocatedFreeBytes())
                    + " of its free space " + (r.dryRun() ? "is" : "was") + " allocated on the host"
                    + (f.nearlyFull() ? "; " + GuestFsOutput.nearlyFull(f) : ""));
        }
        return lines;
    }

    static Map<String, Object> toMap(CompactResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", r.image().toString());
        m.put("dryRun", r.dryRun());
        m.put("apparentBytes", r.apparentSize());
        m.put("allocatedBytesBefore", r.allocatedBefore());
        m.put("allocatedBytesAfter", r.allocatedAfter());
        m.put("trimmedBytes", r.trimmedBytes());
        m.put("zeroBytes", r.zeroBytes());
        m.put("punchedBytes", r.punchedBytes());
        m.put("scannedBytes", r.scannedBytes());
        m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        m.put("fileSystems", r.fileSystems().stream().map(GuestFsOutput::json).toList());
        m.put("note", r.foreignFormat() == null ? null : ForeignFormatNote.of(r));
        return m;
    }
}
