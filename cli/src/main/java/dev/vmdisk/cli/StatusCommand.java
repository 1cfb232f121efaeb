package dev.vmdisk.cli;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.bundle.BaseFile;
import dev.vmdisk.io.bundle.BundleEntry;
import dev.vmdisk.io.bundle.BundleFileKind;
import dev.vmdisk.io.bundle.ImageFigures;
import dev.vmdisk.io.bundle.Reclaim;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.bundle.BundleStatus;
import dev.vmdisk.io.bundle.BundleStatusReader;
import dev.vmdisk.io.bundle.DefaultBundle;
import dev.vmdisk.io.bundle.ImageStatus;
import dev.vmdisk.io.bundle.LeftoverFile;
import dev.vmdisk.io.bundle.VolumeUsage;
import dev.vmdisk.io.inspect.FileNames;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.reset.BaseFormat;
import dev.vmdisk.io.scan.ScanProgress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vmdisk status [BUNDLE]}: one screen for a VM bundle: its images, their bases, what compact gives back, who holds them, how full the host is. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        header = "One screen for a VM bundle: images, bases, sizes, holders, host free space.",
        description = {"Lists each image (*.img, *.raw) in BUNDLE with its base (IMAGE.zst, .xz,",
                ".gz, .bz2, .lz4), format (raw or ASIF), apparent and allocated size, its",
                "guest file systems and how full they are, what vmdisk compact would give",
                "back (its dry run's figure), which processes hold it; then every file of",
                "the bundle by kind (images, bases, kernel files, markers, downloads, other)",
                "and the warm copies in vm_bundles/warm/, with what each takes and whether",
                "the app needs it; the bundle's total as du -s counts it; and how full the",
                "host volume is (a warning from 90%% used, flagged from 95%%). Changes",
                "nothing, removes nothing. Without BUNDLE: the Claude desktop app's bundle",
                "on macOS; elsewhere, or when it is not there, exit 4 with a hint."})
final class StatusCommand extends VmdiskCommand {

    @ArgGroup(exclusive = true)
    JsonOrQuiet stdout = new JsonOrQuiet();

    @Mixin
    ProgressOption progress;

    @Mixin
    ColorOption color;

    @Parameters(arity = "0..1", paramLabel = "BUNDLE",
            description = "The VM bundle directory (default on macOS: ~/Library/Application Support/Claude/"
                    + "vm_bundles/claudevm.bundle).")
    Path bundle;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        // A bar per image scanned (inspect's, then compact's dry run), as compact draws it.
        ScanProgress scans = progress.shown(stdout.quiet) ? ProgressBars.scanBar(err) : ScanProgress.NONE;
        BundleStatus status = new BundleStatusReader(fs()).read(bundleDir(), scans);
        if (stdout.json) {
            out.println(Json.write(toJson(status)));
        } else if (!stdout.quiet) {
            printText(out, spec.commandLine().getColorScheme().ansi(), color.pictures(), status);
        }
        if (!stdout.quiet) {
            warnings(err, status);
        }
        ExitCode worst = ExitCode.OK;
        for (ImageStatus s : status.images()) {
            if (s.problem().isPresent()) {
                err.println("vmdisk: " + s.problem().get().getMessage());
                worst = worst == ExitCode.OK ? ExitCode.of(s.problem().get().kind()) : worst;
            }
        }
        return worst.code();
    }

    /** What is not an error but may matter: processes whose holds could not be checked, files not counted. */
    private static void warnings(PrintWriter err, BundleStatus status) {
        // Every image's holder scan walks the same processes: say once for the bundle what could not be checked.
        status.images().stream().flatMap(s -> s.figures().stream())
                .map(ImageFigures::holders)
                .filter(h -> h.unchecked() > 0)
                .max(Comparator.comparingInt(HolderReport::unchecked))
                .ifPresent(h -> err.println("vmdisk: warning: " + status.dir() + ": " + h.uncheckedWarning()));
        for (String u : status.uncounted()) {
            err.println("vmdisk: warning: " + u);
        }
    }

    /** BUNDLE, or the default bundle where this OS has one and it is there; else one line saying where vmdisk looked. */
    private Path bundleDir() {
        if (bundle != null) {
            return bundle;
        }
        Path home = Path.of(System.getProperty("user.home"));
        Path guess = DefaultBundle.location(System.getProperty("os.name", ""), home).orElse(null);
        if (guess == null) {
            throw new BadInputException("status: no BUNDLE given, and " + System.getProperty("os.name")
                    + " has no default (the Claude desktop app keeps one on macOS only; pass the bundle directory: vmdisk status DIR)");
        }
        if (!Files.isDirectory(guess)) {
            throw new BadInputException(guess + ": no VM bundle there (pass the bundle directory: vmdisk status DIR)");
        }
        return guess;
    }

    private static void printText(PrintWriter out, Ansi ansi, boolean pictures, BundleStatus st) {
        out.println(ansi.string("@|bold " + st.dir() + "|@"));
        out.printf("  %-24s %10s %10s %14s  %s%n", "image", "apparent", "allocated", "reclaimable", "holders");
        for (ImageStatus s : st.images()) {
            String name = FileNames.displayName(s.image().path());
            if (s.figures().isPresent()) {
                ImageFigures f = s.figures().get();
                boolean asif = f.format().equals("asif");
                name += asif ? " (ASIF)" : "";
                String holders = f.holders().held()
                        ? ansi.string("@|yellow " + f.holders().summary() + "|@") : "none";
                out.printf("  %-24s %10s %10s %14s  %s%n", name, Sizes.human(f.apparentBytes()),
                        Sizes.human(f.allocatedBytes()), f.reclaim().known() ? Sizes.human(f.reclaim().bytes()) : "unknown",
                        holders);
                if (pictures && f.reclaim().known()) {
                    AllocationPicture p = picture(f);
                    out.println("    " + p.bar(true));
                    out.println("    " + p.legend(true));
                }
                for (GuestFsReport g : f.fileSystems()) {
                    String line = "    " + GuestFsOutput.describe(g, asif) + "; " + g.state();
                    out.println(g.nearlyFull() ? ansi.string("@|bold,red " + line + "|@") : line);
                    if (g.nearlyFull()) {
                        out.println(ansi.string("      @|bold,red " + GuestFsOutput.nearlyFull(g) + "|@"));
                    }
                }
                Reclaim r = f.reclaim();
                if (!r.known()) {
                    out.println("    reclaimable unknown: " + r.note());
                } else if (r.command().equals(Reclaim.ZEROS_ONLY)) {
                    out.println(ansi.string("    @|yellow compact refuses the trim (" + r.note() + "); the figure is what "
                            + r.command() + " frees|@"));
                } else if (!ForeignFormatNote.of(r).isEmpty()) {
                    out.println("    " + ForeignFormatNote.of(r));
                }
            } else {
                out.printf("  %-24s %s%n", name, ansi.string("@|red cannot inspect: " + s.problem().orElseThrow().getMessage() + "|@"));
            }
            for (BaseFile b : s.image().bases()) {
                String what = b.format().word() + ", " + Sizes.human(b.bytes());
                out.println("    base " + b.path().getFileName() + " (" + (b.usableByReset() ? what
                        : ansi.string("@|red " + (b.format() == BaseFormat.RAW ? "not " + b.claimed().word() + " data"
                        : b.format().word() + " data, named like " + b.claimed().word()) + "; vmdisk reset refuses it|@")) + ")");
            }
        }
        for (LeftoverFile l : st.leftovers()) {
            out.println(ansi.string("  @|yellow leftover " + l.path().getFileName() + ": " + Sizes.human(l.apparentBytes()) + ", "
                    + Sizes.human(l.allocatedBytes()) + " allocated, the temporary file of a vmdisk reset that did not finish"
                    + " (or is running); vmdisk reset " + l.image().getFileName() + " removes it|@"));
        }
        out.println(String.format("  %-26s %-44s %10s  %s", "files", "", "allocated", "the app needs it"));
        for (BundleEntry e : st.files()) {
            printEntry(out, ansi, e);
        }
        if (!st.warm().isEmpty()) {
            // Named as the bundle was given: "claudevm.bundle" gives "warm", beside it.
            Path warm = st.dir().getParent() != null ? st.dir().resolveSibling(BundleStatusReader.WARM)
                    : Path.of(BundleStatusReader.WARM);
            out.println("  warm copies in " + warm + " (beside the bundle)");
            for (BundleEntry e : st.warm()) {
                printEntry(out, ansi, e);
            }
        }
        out.printf("  %-24s %10s %10s %14s%n", "total (du -s)", "", Sizes.human(st.allocatedBytes()),
                Sizes.human(st.reclaimableBytes()));
        if (!st.warm().isEmpty()) {
            out.printf("  %-24s %10s %10s%n", "warm copies", "", Sizes.human(st.warmBytes()));
        }
        out.println(volumeLine(ansi, st.volume()));
    }

    /**
     * The image's allocation as inspect draws it, from compact's dry run: the guest-free blocks it would trim
     * and the all-zero blocks outside them it would punch (so none of the zeros is also guest-free).
     */
    static AllocationPicture picture(ImageFigures f) {
        return new AllocationPicture(f.apparentBytes(), f.allocatedBytes(), f.reclaim().trimmedBytes(), f.reclaim().zeroBytes(), 0);
    }

    /** One file of the bundle: name, kind, allocation, whether the app needs it; for what it may not need, what removing it frees. */
    private static void printEntry(PrintWriter out, Ansi ansi, BundleEntry e) {
        String detail = BundleEntryDetail.of(e);
        String kind = e.kind().displayName() + (detail.isEmpty() ? "" : " (" + detail + ")");
        String needed = e.kind().neededByApp().word();
        boolean removable = e.kind() == BundleFileKind.STALLED_DOWNLOAD || e.kind() == BundleFileKind.WARM_COPY
                || e.kind() == BundleFileKind.KEPT_OLD_IMAGE || e.kind() == BundleFileKind.RESET_LEFTOVER;
        String line = String.format("    %-26s %-44s %10s  %s", FileNames.displayName(e.path()), kind,
                Sizes.human(e.allocatedBytes()), needed + (removable ? "; removing it would free "
                        + Sizes.human(e.allocatedBytes()) + " (vmdisk leaves it)" : ""));
        out.println(removable ? ansi.string("@|yellow " + line + "|@") : line);
    }

    private static String volumeLine(Ansi ansi, VolumeUsage v) {
        String line = "host volume " + v.volume() + ": " + v.percentUsed() + "% used, "
                + Sizes.human(v.availableBytes()) + " available of " + Sizes.human(v.totalBytes());
        return switch (v.level()) {
            case OK -> line;
            case WARN -> ansi.string("@|yellow " + line + " (warning: over " + VolumeUsage.WARN_PERCENT
                    + "%; free space with vmdisk compact or vmdisk reset)|@");
            case FULL -> ansi.string("@|bold,red " + line + " (NEARLY FULL: over " + VolumeUsage.FULL_PERCENT
                    + "%; sessions will fail with No space left on device)|@");
        };
    }

    static Map<String, Object> toJson(BundleStatus st) {
        Map<String, Object> m = JsonDocument.start();
        m.put("bundle", st.dir().toString());
        List<Object> images = new ArrayList<>();
        for (ImageStatus s : st.images()) {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("path", s.image().path().toString());
            s.figures().ifPresent(f -> {
                im.put("apparentBytes", f.apparentBytes());
                im.put("allocatedBytes", f.allocatedBytes());
                im.put("format", f.format());
                Reclaim r = f.reclaim();
                im.put("reclaimableBytes", r.known() ? r.bytes() : null);
                im.put("trimmedBytes", r.known() ? r.trimmedBytes() : null);
                im.put("zeroBytes", r.known() ? r.zeroBytes() : null);
                im.put("reclaimableBy", r.known() ? r.command() : null);
                im.put("reclaimableNote", ForeignFormatNote.of(r).isEmpty() ? null : ForeignFormatNote.of(r));
                im.put("fileSystems", f.fileSystems().stream().map(GuestFsOutput::json).toList());
                im.put("holders", HolderOutput.json(f.holders()));
            });
            List<Object> bases = new ArrayList<>();
            for (BaseFile b : s.image().bases()) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("path", b.path().toString());
                bm.put("format", b.format().word());
                bm.put("bytes", b.bytes());
                bm.put("usableByReset", b.usableByReset());
                bases.add(bm);
            }
            im.put("bases", bases);
            im.put("error", s.problem().map(VmdiskException::getMessage).orElse(null));
            images.add(im);
        }
        m.put("images", images);
        List<Object> leftovers = new ArrayList<>();
        for (LeftoverFile l : st.leftovers()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("path", l.path().toString());
            lm.put("image", l.image().toString());
            lm.put("apparentBytes", l.apparentBytes());
            lm.put("allocatedBytes", l.allocatedBytes());
            leftovers.add(lm);
        }
        m.put("leftovers", leftovers);
        m.put("files", st.files().stream().map(StatusCommand::entryJson).toList());
        m.put("warm", st.warm().stream().map(StatusCommand::entryJson).toList());
        m.put("warmAllocatedBytes", st.warmBytes());
        m.put("allocatedBytes", st.allocatedBytes());
        m.put("reclaimableBytes", st.reclaimableBytes());
        m.put("uncounted", st.uncounted());
        VolumeUsage v = st.volume();
        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("volume", v.volume());
        vm.put("totalBytes", v.totalBytes());
        vm.put("usedBytes", v.usedBytes());
        vm.put("availableBytes", v.availableBytes());
        vm.put("percentUsed", v.percentUsed());
        vm.put("level", v.level().word());
        m.put("volume", vm);
        return m;
    }

    /** A bundle file's kind as status.schema.json names it. */
    static String kindName(BundleFileKind kind) {
        return switch (kind) {
            case IMAGE -> "disk-image";
            case KERNEL_FILE_BASE -> "kernel-base";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
    }

    private static Map<String, Object> entryJson(BundleEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", e.path().toString());
        m.put("kind", kindName(e.kind()));
        m.put("apparentBytes", e.apparentBytes());
        m.put("allocatedBytes", e.allocatedBytes());
        m.put("neededByApp", e.kind().neededByApp().word());
        String detail = BundleEntryDetail.of(e);
        m.put("detail", detail.isEmpty() ? null : detail);
        return m;
    }
}
