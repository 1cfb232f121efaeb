package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.bundle.BundleReset;
import dev.vmdisk.io.bundle.DownloadsInProgress;
import dev.vmdisk.io.inspect.FileKind;
import dev.vmdisk.io.nativefs.WriteLocked;
import dev.vmdisk.io.reset.ImageReset;
import dev.vmdisk.io.reset.ReleaseMarker;
import dev.vmdisk.io.reset.ResetProgress;
import dev.vmdisk.io.reset.ResetRequest;
import dev.vmdisk.io.reset.ResetResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code vmdisk reset}: rebuild an image from its compressed base, atomically. */
@Command(name = "reset",
        header = "Rebuild an image from its compressed base, sparse and atomic.",
        mixinStandardHelpOptions = true,
        description = {
                "Rebuild an image from its base (IMAGE.zst beside it, or --from BASE): the cure for an image that",
                "only grows. The base may be zstd, xz, gzip, bzip2, lz4 or uncompressed, told from its bytes.",
                "The new image is written sparse beside the old one, checked (its size must be the old image's",
                "unless --resize, its content a partition table or file system vmdisk knows unless --any-content),",
                "then renamed over it: on any failure or interrupt the old image is unchanged. Refuses (exit 3)",
                "while any process holds it.",
                "Given a bundle directory: each image with a base beside it is reset in turn (each fully or",
                "not at all; one failing does not stop the others), images without a base are listed as",
                "skipped, and with --sessions the file sessiondata.img is removed (not when held: exit 3)."})
final class ResetCommand extends VmdiskCommand {

    @ArgGroup(exclusive = true)
    JsonOrQuiet stdout = new JsonOrQuiet();

    @Mixin
    ProgressOption progress;

    @Parameters(index = "0", paramLabel = "IMAGE|BUNDLE",
            description = "The raw disk image to replace (created if missing), or a bundle directory: each image in it "
                    + "with a base beside it is reset, the others are listed as skipped.")
    Path image;

    @Option(names = "--from", paramLabel = "BASE", description = "The base to rebuild from (default: IMAGE.zst).")
    Path base;

    @Option(names = "--keep-old", description = "Keep the old image as IMAGE.old.")
    boolean keepOld;

    @Option(names = "--resize",
            description = "Allow the new image to have another size than the old one (the base's); without it a base "
                    + "whose content is not the old image's size is refused (exit 4).")
    boolean resize;

    @Option(names = "--any-content",
            description = "Install the base's content even when it holds no partition table or file system vmdisk "
                    + "recognises; without it such a base is refused (exit 4).")
    boolean anyContent;

    @Option(names = "--sessions",
            description = "With a BUNDLE: also remove its per-session image (exactly the file named sessiondata.img, "
                    + "only when no process holds it), so the app creates a fresh one.")
    boolean sessions;

    @Override
    public Integer call() {
        if (Files.isDirectory(image)) {
            return bundle();
        }
        if (sessions) {
            throw new UsageException(image + ": --sessions is for a bundle directory (vmdisk reset --sessions BUNDLE)");
        }
        if (Files.exists(image) || Files.isSymbolicLink(image)) {
            FileKind.requireRegularFile(image); // a missing image is created; anything else that is not a file is refused
            WriteLocked.refuse(fs(), image);
        }
        if (base != null) {
            FileKind.requireRegularFile(base); // a FIFO would block the decompressor's open
        }
        PrintWriter out = stdout.quiet ? new PrintWriter(Writer.nullWriter()) : out();
        PrintWriter err = err();
        ImageReset reset = new ImageReset(fs());
        ResetResult r;
        try (AbortOnSignal onSignal = AbortOnSignal.install(reset::abort, err,
                image + ": interrupted; the old image is unchanged and the temporary file was removed")) {
            // A download into the image's directory (the app fetching a new base) is waited for, as in a bundle.
            DownloadsInProgress.refuseWhileDownloading(fs(), image.toAbsolutePath().getParent());
            try (ResetProgressBar bar = progress.shown(stdout.quiet) ? new ResetProgressBar("reset", err) : null) {
                r = reset.run(new ResetRequest(image, base, keepOld, resize, anyContent), bar == null ? ResetProgress.NONE : bar);
            }
        }
        for (Path p : r.leftoversRemoved()) {
            notice(err, image + ": removed " + p.getFileName() + ", left by an interrupted reset");
        }
        if (!r.warning().isEmpty()) {
            notice(err, "warning: " + r.image() + ": " + r.warning());
        }
        err.flush();
        ReleaseMarker marker;
        try {
            marker = ReleaseMarker.carryOver(r.image(), r.base());
        } catch (VmdiskException e) {
            if (!stdout.json) {
                out.println(text(r)); // the image was reset; the error says the marker was not
            }
            throw e;
        }
        if (stdout.json) {
            Map<String, Object> m = JsonDocument.of(toMap(r));
            m.put("releaseMarker", ReleaseMarkerReport.toMap(marker));
            out.println(Json.write(m));
        } else {
            out.println(text(r));
            String line = ReleaseMarkerReport.text(marker);
            if (line != null) {
                out.println(line);
            }
        }
        return 0;
    }

    /** {@code vmdisk reset BUNDLE}: each image in turn, a line each; the exit code of the first failure. */
    private int bundle() {
        if (base != null) {
            throw new UsageException(image + ": --from is for one image; in a bundle each image is rebuilt from the base beside it");
        }
        if (resize || anyContent) {
            throw new UsageException(image + ": " + (resize ? "--resize" : "--any-content")
                    + " is for one image (vmdisk reset IMAGE); a bundle's images are reset only as they were");
        }
        PrintWriter out = stdout.quiet ? new PrintWriter(Writer.nullWriter()) : out();
        PrintWriter err = err();
        BundleReset reset = new BundleReset(fs()).beforeSessionRemoval((img, contents) -> {
            err.println(BundleResetReport.beforeRemoval(img, contents));
            err.flush();
        });
        List<Object> reports = new ArrayList<>();
        List<BundleReset.Outcome> outcomes;
        try (AbortOnSignal onSignal = AbortOnSignal.install(reset::abort, err,
                image + ": interrupted; the image being reset is unchanged and its temporary file was removed");
             ResetProgressBar bar = progress.shown(stdout.quiet) ? new ResetProgressBar("reset", err) : null) {
            outcomes = reset.run(image, sessions, keepOld, p -> bar == null ? ResetProgress.NONE : bar, o -> {
                if (bar != null) {
                    bar.close(); // the next image starts a new bar
                }
                if (o.action() == BundleReset.Action.RESET) {
                    for (Path p : o.result().leftoversRemoved()) {
                        notice(err, o.image() + ": removed " + p.getFileName() + ", left by an interrupted reset");
                    }
                }
                String warning = BundleResetReport.warning(o);
                if (!warning.isEmpty()) {
                    notice(err, "warning: " + o.image() + ": " + warning);
                }
                if (o.action() == BundleReset.Action.FAILED) {
                    err.println("vmdisk: " + o.error().getMessage());
                } else if (!stdout.json) {
                    out.println(BundleResetReport.text(o));
                }
                reports.add(BundleResetReport.toMap(o));
                out.flush();
                err.flush();
            });
        }
        if (stdout.json) {
            Map<String, Object> doc = JsonDocument.start();
            doc.put("bundle", image.toString());
            doc.put("images", reports);
            out.println(Json.write(doc));
        }
        VmdiskException failed = BundleReset.firstFailure(outcomes);
        return failed == null ? 0 : ExitCode.of(failed);
    }

    static String text(ResetResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.image()).append(": ").append(r.replacedExisting() ? "reset" : "created")
                .append(" from ").append(r.base().getFileName()).append(" (").append(r.format().word());
        if (r.frames() > 0) {
            sb.append(", ").append(r.frames()).append(r.frames() == 1 ? " frame" : " frames");
        }
        sb.append(r.checksumVerified() ? ", checksum verified" : ", no checksum in the base").append("): ")
                .append(Sizes.human(r.size())).append(", ").append(Sizes.human(r.allocated())).append(" allocated (")
                .append(String.format(Locale.ROOT, "%.1f s", r.nanos() / 1e9)).append(')');
        if (r.resized()) {
            sb.append("; resized from ").append(Sizes.human(r.previousSize())).append(" to ").append(Sizes.human(r.size()))
                    .append(" (").append(r.previousSize()).append(" -> ").append(r.size()).append(" bytes)");
        }
        if (r.oldKept() != null) {
            sb.append("; old image kept as ").append(r.oldKept().getFileName()).append(r.oldCloned()
                    ? " (a clone of it, made without copying a block)"
                    : " (the old image itself, renamed: the host file system cannot clone)");
        }
        return sb.toString();
    }

    /** A line on stderr that is not an error (a warning, a leftover removed): silenced by --quiet. */
    private void notice(PrintWriter err, String line) {
        if (!stdout.quiet) {
            err.println("vmdisk: " + line);
        }
    }

    static Map<String, Object> toMap(ResetResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", r.image().toString());
        m.put("base", r.base().toString());
        m.put("format", r.format().word());
        m.put("frames", r.frames());
        m.put("checksumVerified", r.checksumVerified());
        m.put("apparentBytes", r.size());
        m.put("previousApparentBytes", r.previousSize() < 0 ? null : r.previousSize());
        m.put("resized", r.resized());
        m.put("allocatedBytes", r.allocated());
        m.put("dataWrittenBytes", r.dataWritten());
        m.put("replacedExisting", r.replacedExisting());
        m.put("oldKept", r.oldKept() == null ? null : r.oldKept().toString());
        m.put("oldKeptAs", r.oldKept() == null ? null : r.oldCloned() ? "clone" : "rename");
        m.put("leftoversRemoved", r.leftoversRemoved().stream().map(Path::toString).toList());
        m.put("seconds", Math.round(r.nanos() / 1e6) / 1000.0);
        return m;
    }
}
