package dev.vmdisk.cli;

import dev.vmdisk.io.ExitCode;
import dev.vmdisk.io.inspect.FileKind;
import dev.vmdisk.io.nativefs.ControlChars;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vmdisk holders IMAGE...}: which processes hold each image open, mapped or locked, and which loop devices it backs. */
@Command(name = "holders",
        mixinStandardHelpOptions = true,
        header = "Which processes hold images open, mapped or locked (exit 3 when any does).",
        description = "List the processes that hold each image open, mapped or locked, and the loop devices it backs "
                + "(pid 0, the kernel). Exit code 3 when anything holds an image, 0 when nothing does.")
final class HoldersCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files to check.")
    List<Path> images;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<HolderReport> reports = new ArrayList<>();
        // A directory or FIFO has "holders" too, but is no image: refused in one line, the others still listed.
        int refused = EachImage.run(images, spec.commandLine().getErr(), image -> {
            FileKind.requireRegularFile(image);
            reports.add(main.nativeFs().holders(image));
        });
        if (json.enabled()) {
            List<Object> list = new ArrayList<>();
            reports.forEach(r -> list.add(toJson(r)));
            out.println(Json.write(list));
        } else {
            reports.forEach(r -> printText(out, spec.commandLine().getErr(), r));
        }
        boolean held = reports.stream().anyMatch(HolderReport::held);
        return refused != 0 ? refused : held ? ExitCode.IN_USE.code() : ExitCode.OK.code();
    }

    static void printText(PrintWriter out, PrintWriter err, HolderReport r) {
        if (!r.held()) {
            out.println(r.path() + ": not held by any process");
        } else {
            out.println(r.path() + ":");
            for (Holder h : r.holders()) {
                // Escaped: a process's name is whatever its owner chose, control characters included (JSON keeps it as it is).
                out.printf("  %-8d %-40s %s%n", h.pid(), ControlChars.escape(h.name()), ControlChars.escape(describeHolds(h.holds())));
            }
        }
        if (r.unchecked() > 0) {
            err.println("vmdisk: warning: " + r.path() + ": " + r.uncheckedWarning());
        }
    }

    static String describeHolds(List<Hold> holds) {
        List<String> parts = new ArrayList<>();
        for (Hold h : holds) {
            parts.add(h.detail().isEmpty() ? h.kind().word() : h.kind().word() + " " + h.detail());
        }
        return String.join(", ", parts);
    }

    /** The JSON shape of a holder report; {@code inspect} reuses it for its {@code holders} field. */
    static Map<String, Object> toJson(HolderReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", r.path().toString());
        m.put("held", r.held());
        List<Object> holders = new ArrayList<>();
        for (Holder h : r.holders()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("pid", h.pid());
            hm.put("name", h.name());
            hm.put("command", h.command());
            List<Object> holds = new ArrayList<>();
            for (Hold hold : h.holds()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("kind", hold.kind().word());
                x.put("detail", hold.detail());
                holds.add(x);
            }
            hm.put("holds", holds);
            holders.add(hm);
        }
        m.put("holders", holders);
        m.put("uncheckedProcesses", r.unchecked());
        return m;
    }
}
