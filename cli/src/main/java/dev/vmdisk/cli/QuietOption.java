package dev.vmdisk.cli;

import picocli.CommandLine.Option;

/**
 * The shared {@code --quiet} option: only errors, for scripts that run at every start. Warnings are not
 * errors (the command did its work), so they are silenced too; the exit code still tells what happened.
 */
final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "Print only errors: no result lines, no warnings, no progress bar "
            + "(unless --progress). The exit code is unchanged.")
    boolean quiet;

    boolean enabled() {
        return quiet;
    }
}
