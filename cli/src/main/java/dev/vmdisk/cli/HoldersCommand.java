package dev.vmdisk.cli;

import dev.vmdisk.io.exclusive.UnseenHolders;
import dev.vmdisk.io.inspect.FileKind;
import dev.vmdisk.io.nativefs.ControlChars;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vmdisk holders IMAGE...}: which processes hold each image open, mapped or locked, and which loop devices it backs. */
@Command(name = "holders",
        mixinStandardHelpOptions = true,
        header = "Which processes hold images open, mapped or locked (exit 3 when any does).",
        description = "List the processes that hold each image open, mapped or locked, and the loop devices it backs "
                + "(pid 0, the kernel). Exit code 3 when anything holds an image, 0 when nothing does.")
final class HoldersCommand extends VmdiskCommand {

    @Mixin
    JsonOption json;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files to check.")
    List<Path> images;

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<HolderReport> reports = new ArrayList<>();
        List<String> unseen = new ArrayList<>(); // per image: null, or why a process vmdisk could not check may hold it
        // A directory or FIFO has "holders" too, but is no image: refused in one line, the others still listed.
        int refused = EachImage.run(images, err(), image -> {
            FileKind.requireRegularFile(image);
            HolderReport r = fs().holders(image);
            reports.add(r);
            unseen.add(UnseenHolders.check(fs(), image, r));
        });
        if (json.enabled()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < reports.size(); i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", reports.get(i).path().toString());
                m.put("holders", HolderOutput.json(reports.get(i)));
                m.put("unseenHolder", unseen.get(i));
                list.add(m);
            }
            out.println(Json.write(JsonDocument.images(list)));
        } else {
            for (int i = 0; i < reports.size(); i++) {
                printText(out, err(), reports.get(i), unseen.get(i));
            }
        }
        // A holder vmdisk cannot rule out counts as one: scripts must not take "0" for "free" on a guess.
        boolean held = reports.stream().anyMatch(HolderReport::held) || unseen.stream().anyMatch(u -> u != null);
        return refused != 0 ? refused : held ? ExitCode.IN_USE.code() : ExitCode.OK.code();
    }

    static void printText(PrintWriter out, PrintWriter err, HolderReport r) {
        printText(out, err, r, null);
    }

    static void printText(PrintWriter out, PrintWriter err, HolderReport r, String unseen) {
        if (!r.held() && unseen != null) {
            out.println(r.path() + ": not held by any process vmdisk could check; " + unseen);
        } else if (!r.held()) {
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
}
