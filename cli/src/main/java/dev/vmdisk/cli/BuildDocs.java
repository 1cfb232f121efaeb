package dev.vmdisk.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by Maven at package time (not shipped in the jar): man pages in asciidoc and completion scripts
 * for bash, zsh and fish, all made from the same picocli model the command line runs, so they never
 * drift from it. Arguments: the target directory.
 */
public final class BuildDocs {
    private BuildDocs() {
    }

    public static void main(String... args) throws IOException {
        Path target = Path.of(args[0]);
        CommandLine cmd = Main.commandLine(new Main(new LazyNativeFs(() -> {
            throw new IllegalStateException("the docs generator needs no platform port");
        })));
        cmd.setUsageHelpWidth(80);

        Path adoc = Files.createDirectories(target.resolve("man/adoc"));
        int rc = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, cmd.getCommandSpec());
        if (rc != 0) {
            throw new IOException("ManPageGenerator failed with exit code " + rc);
        }

        Path completions = Files.createDirectories(target.resolve("completions"));
        String bash = AutoComplete.bash("vmdisk", cmd);
        write(completions.resolve("vmdisk.bash"), bash);
        write(completions.resolve("_vmdisk"), ZshCompletion.script(bash));
        write(completions.resolve("vmdisk.fish"), FishCompletion.script(cmd.getCommandSpec()));
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
