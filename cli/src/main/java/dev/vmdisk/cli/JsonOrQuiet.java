package dev.vmdisk.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json} or {@code --quiet}: each decides what stdout carries, so a command takes them as one exclusive
 * group ({@code @ArgGroup(exclusive = true) JsonOrQuiet stdout = new JsonOrQuiet();}) and picocli refuses the two
 * together (exit 2). One class for every command works because cli compiles without picocli-codegen's annotation
 * processor (cli/pom.xml), which modelled a group class for one command only.
 *
 * <p>{@code --quiet} is for scripts that run at every start: only errors. Warnings are not errors (the command did
 * its work), so they are silenced too; the exit code still tells what happened.
 */
final class JsonOrQuiet {
    @Option(names = JsonOption.NAME, description = JsonOption.DESCRIPTION)
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors: no result lines, no warnings, no progress bar "
            + "(unless --progress). The exit code is unchanged.")
    boolean quiet;
}
