package dev.vmdisk.cli;

import picocli.CommandLine.Option;

/**
 * The shared {@code --progress} option of the commands that can be long (inspect, compact, reset, du, tmp, prune,
 * status): a bar on
 * stderr when stderr is a terminal, always with {@code --progress}, never with {@code --quiet} alone.
 */
final class ProgressOption {
    @Option(names = "--progress", description = "Show progress on stderr even when it is not a terminal (or with --quiet).")
    boolean progress;

    /** Whether to draw a bar, for a command without {@code --quiet}. */
    boolean shown() {
        return shown(false);
    }

    /** Whether to draw a bar when {@code quiet} asks for errors only. */
    boolean shown(boolean quiet) {
        return progress || (!quiet && ProgressBars.stderrIsTerminal());
    }
}
