package dev.vmdisk.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option shared by every command that reports: results as JSON on stdout, for scripts. */
public final class JsonOption {
    @Option(names = "--json", description = "Print the result as JSON (for scripts) instead of text.")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
