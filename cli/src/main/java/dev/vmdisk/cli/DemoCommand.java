package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.EnvironmentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code vmdisk demo}: makes a sample image and base in a folder and runs the other commands on them,
 * printing each command line before its output, so a new user sees every command work.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "Make a sample image and its base, and run every command on them.",
        description = "Make a sample image (and its compressed base) in DIR and run every command on it. Touches nothing outside DIR."
                + " DIR must be new, empty, or made by an earlier demo: any other folder is refused, untouched.")
final class DemoCommand extends VmdiskCommand {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "vmdisk-demo",
            description = "Where to make the sample (default: ${DEFAULT-VALUE} in the current directory).")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        Path image;
        try {
            DemoFolder.claim(dir);
            image = DemoImages.write(dir, fs());
        } catch (IOException e) {
            throw new EnvironmentException(dir + ": cannot write the sample images: " + e.getMessage(), e);
        }
        out.println("Made " + image + " (" + Sizes.human(DemoImages.IMAGE_SIZE) + " apparent, grown from "
                + image.getFileName() + ".zst) in " + dir);
        String img = image.toString();
        List<List<String>> steps = List.of(
                List.of("inspect", img),
                List.of("du", img, "--depth", "2"),
                List.of("holders", img),
                List.of("compact", "--dry-run", img),
                List.of("compact", img),
                List.of("inspect", "--json", img),
                List.of("reset", img));
        for (List<String> step : steps) {
            out.println();
            out.println("$ vmdisk " + String.join(" ", step));
            out.flush();
            int code = Main.run(fs(), out, err, step.toArray(String[]::new));
            if (code != ExitCode.OK.code()) {
                err.println("vmdisk: demo: 'vmdisk " + String.join(" ", step) + "' exited with " + code);
                return code;
            }
        }
        out.println();
        out.println("Done. The sample stays in " + dir + "; delete it when you like.");
        return ExitCode.OK.code();
    }
}
