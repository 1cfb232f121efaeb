package dev.vmdisk.cli;

import picocli.CommandLine.Option;

/** The shared {@code --json} option: results on stdout as JSON for scripts instead of text. */
final class JsonOption {
    @Option(names = "--json", description = "Print the result as JSON (for scripts) instead of text.")
    boolean json;

    boolean enabled() {
        return json;
    }
}
