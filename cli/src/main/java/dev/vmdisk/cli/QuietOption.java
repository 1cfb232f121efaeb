package dev.vmdisk.cli;

import picocli.CommandLine.Option;

/**
 * The shared {@code --quiet} option: only errors, for scripts that run at every start (compact and reset take it in
 * their --json-or--quiet group, with this name and description). Warnings are not
 * errors (the command did its work), so they are silenced too; the exit code still tells what happened.
 */
final class QuietOption {
    static final String NAME = "--quiet";
    static final String DESCRIPTION = "Print only errors: no result lines, no warnings, no progress bar "
            + "(unless --progress). The exit code is unchanged.";

    @Option(names = {"-q", NAME}, description = DESCRIPTION)
    boolean quiet;

    boolean enabled() {
        return quiet;
    }
}
