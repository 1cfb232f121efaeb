package dev.vmdisk.cli;

import picocli.CommandLine.Option;

/** The shared {@code --json} option: results on stdout as JSON for scripts instead of text. */
final class JsonOption {
    static final String NAME = "--json";
    static final String DESCRIPTION = "Print the result as JSON (for scripts) instead of text; its schema is schemas/COMMAND.schema.json.";

    @Option(names = NAME, description = DESCRIPTION)
    boolean json;

    boolean enabled() {
        return json;
    }
}
