package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.inspect.ImageInspector;
import dev.vmdisk.io.inspect.Inspection;
import dev.vmdisk.io.nativefs.HolePunching;
import dev.vmdisk.io.scan.ScanProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vmdisk inspect IMAGE...}: sizes, holes, zero blocks, what the image holds, who holds it. Changes nothing. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        header = "Sizes, holes, zero blocks, contents and holders of images; changes nothing.",
        description = "Show apparent and allocated size, data extents and holes, allocated blocks that are all zeros, what the image holds, and which processes hold it. Changes nothing.")
final class InspectCommand extends VmdiskCommand {

    @Mixin
    JsonOption json;

    @Mixin
    ProgressOption progress;

    @Mixin
    ColorOption color;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files to inspect.")
    List<Path> images;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        ImageInspector inspector = new ImageInspector(fs());
        boolean showProgress = progress.shown();
        boolean pictures = !json.enabled() && color.pictures();
        List<Object> jsonResults = new ArrayList<>();
        int exit = EachImage.run(images, err, image -> {
            Inspection ins = inspector.inspect(image, showProgress ? ProgressBars.scanBar(err) : ScanProgress.NONE);
            if (json.enabled()) {
                jsonResults.add(toJson(ins));
            } else {
                printText(out, err, ins, fs().holePunching(image), pictures);
            }
        });
        if (json.enabled()) {
            out.println(Json.write(JsonDocument.images(jsonResults)));
        }
        return exit;
    }

    static void printText(PrintWriter out, PrintWriter err, Inspection ins, HolePunching host, boolean pictures) {
        out.println(ins.path());
        row(out, "apparent size", Sizes.human(ins.apparentBytes()) + " (" + ins.apparentBytes() + " bytes)");
        row(out, "allocated", Sizes.human(ins.allocatedBytes()) + percentOf(ins.allocatedBytes(), ins.apparentBytes(), "apparent"));
        if (pictures) {
            AllocationPicture picture = AllocationPicture.of(ins);
            row(out, "", picture.bar(true));
            row(out, "", picture.legend(true));
        }
        row(out, "data extents", ins.layout().seeksHoles()
                ? ins.layout().dataExtents() + ", holes: " + ins.layout().holes()
                : ins.layout().dataExtents() + ", holes: unknown (the host file system cannot report holes: zero detection read the whole file)");
        ImageContent.VirtualDisk disk = ins.content().virtualDisk();
        if (disk != null) {
            row(out, "virtual disk", Sizes.human(disk.virtualBytes()) + " (" + disk.virtualBytes() + " bytes), "
                    + Sizes.human(disk.mappedBytes()) + " of it mapped" + percentOf(disk.mappedBytes(), disk.virtualBytes(), "virtual")
                    + "; the rest reads as zeros and takes no space");
        }
        row(out, "zero blocks", Sizes.human(ins.zeroBytes()) + " allocated but all zeros" + (disk != null ? " in data chunks" : "")
                + (ins.zeroBytes() > 0 ? " (" + giveBack(host, "them") + ")" : ""));
        List<String> content = ContentOutput.lines(ins.content());
        row(out, "content", content.get(0));
        content.subList(1, content.size()).forEach(line -> out.println("  " + " ".repeat(17) + line));
        String label = "file systems";
        for (GuestFsReport f : ins.fileSystems()) {
            row(out, label, GuestFsOutput.describe(f, ins.content().kind() == dev.vmdisk.io.content.ContentKind.ASIF) + "; " + f.state());
            label = "";
            if (f.trimAllowed()) {
                row(out, label, "  " + Sizes.human(f.hostAllocatedFreeBytes()) + " of its free space is still allocated on the host"
                        + (f.hostAllocatedFreeBytes() > 0 ? " (" + giveBack(host, "it") + ")" : ""));
            } else {
                row(out, label, "  cannot trim: " + f.trimReason());
            }
            if (f.nearlyFull()) {
                row(out, label, "  " + GuestFsOutput.nearlyFull(f));
            }
        }
        row(out, "holders", ins.holders().held() ? ins.holders().summary() : "none");
        if (ins.holders().unchecked() > 0) {
            err.println("vmdisk: warning: " + ins.path() + ": " + ins.holders().uncheckedWarning());
        }
    }

    /** The promise about space compact frees, only as far as the host file system's type backs it. */
    static String giveBack(HolePunching host, String them) {
        return switch (host.support()) {
            case SUPPORTED -> "vmdisk compact gives " + them + " back";
            case UNSUPPORTED -> "the host file system, " + host.fileSystem() + ", cannot punch holes, so vmdisk compact cannot give "
                    + them + " back here";
            case UNKNOWN -> "vmdisk compact gives " + them + " back where the host file system can punch holes";
        };
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-16s %s%n", label, value);
    }

    private static String percentOf(long part, long whole, String what) {
        return whole == 0 ? "" : String.format(java.util.Locale.ROOT, " (%.0f%% of %s)", 100.0 * part / whole, what);
    }

    static Map<String, Object> toJson(Inspection ins) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", ins.path().toString());
        m.put("apparentBytes", ins.apparentBytes());
        m.put("allocatedBytes", ins.allocatedBytes());
        m.put("zeroBytes", ins.zeroBytes());
        m.put("zeroFreeBytes", ins.zeroFreeBytes() < 0 ? null : ins.zeroFreeBytes());
        m.put("dataExtents", ins.layout().dataExtents());
        m.put("holes", ins.layout().holes());
        m.put("holesReported", ins.layout().seeksHoles());
        m.put("dataBytes", ins.layout().dataBytes());
        m.put("fsBlockSize", ins.fsBlockSize());
        m.put("content", ContentOutput.json(ins.content()));
        m.put("fileSystems", ins.fileSystems().stream().map(GuestFsOutput::json).toList());
        m.put("holders", HolderOutput.json(ins.holders()));
        return m;
    }
}
