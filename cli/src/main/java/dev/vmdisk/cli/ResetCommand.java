package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.reset.ImageReset;
import dev.vmdisk.io.reset.ResetProgress;
import dev.vmdisk.io.reset.ResetRequest;
import dev.vmdisk.io.reset.ResetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vmdisk reset}: rebuild an image from its compressed base, atomically. */
@Command(name = "reset",
        header = "Rebuild an image from its compressed base, sparse and atomic.",
        mixinStandardHelpOptions = true,
        description = {
                "Rebuild an image from its base (IMAGE.zst beside it, or --from BASE): the cure for an image that",
                "only grows. The base may be zstd, xz, gzip, bzip2, lz4 or uncompressed, told from its bytes.",
                "The new image is written sparse beside the old one, checked, then renamed over it: on any",
                "failure or interrupt the old image is unchanged. Refuses (exit 3) while any process holds it."})
final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The raw disk image to replace (created if missing).")
    Path image;

    @Option(names = "--from", paramLabel = "BASE", description = "The base to rebuild from (default: IMAGE.zst).")
    Path base;

    @Option(names = "--keep-old", description = "Keep the old image as IMAGE.old.")
    boolean keepOld;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageReset reset = new ImageReset(main.nativeFs());
        // Ctrl-C or a kill (not -9): stop before the rename and remove the temporary file.
        Thread onSignal = new Thread(() -> {
            if (reset.abort()) {
                err.println();
                err.println("vmdisk: " + image + ": interrupted; the old image is unchanged and the temporary file was removed");
                err.flush();
            }
        }, "vmdisk-reset-abort");
        Runtime.getRuntime().addShutdownHook(onSignal);
        ResetResult r;
        try (ResetProgressBar bar = ProgressBars.stderrIsTerminal() ? new ResetProgressBar("reset", err) : null) {
            r = reset.run(new ResetRequest(image, base, keepOld), bar == null ? ResetProgress.NONE : bar);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook is running or has run.
            }
        }
        for (Path p : r.leftoversRemoved()) {
            err.println("vmdisk: " + image + ": removed " + p.getFileName() + ", left by an interrupted reset");
        }
        if (!r.warning().isEmpty()) {
            err.println("vmdisk: warning: " + r.image() + ": " + r.warning());
        }
        err.flush();
        out.println(json.enabled() ? Json.write(toMap(r)) : text(r));
        return 0;
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
        if (r.oldKept() != null) {
            sb.append("; old image kept as ").append(r.oldKept().getFileName());
        }
        return sb.toString();
    }

    static Map<String, Object> toMap(ResetResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", r.image().toString());
        m.put("base", r.base().toString());
        m.put("format", r.format().word());
        m.put("frames", r.frames());
        m.put("checksumVerified", r.checksumVerified());
        m.put("size", r.size());
        m.put("allocated", r.allocated());
        m.put("dataWritten", r.dataWritten());
        m.put("replacedExisting", r.replacedExisting());
        m.put("oldKept", r.oldKept() == null ? null : r.oldKept().toString());
        m.put("leftoversRemoved", List.copyOf(r.leftoversRemoved().stream().map(Path::toString).toList()));
        m.put("seconds", Math.round(r.nanos() / 1e6) / 1000.0);
        return m;
    }
}
