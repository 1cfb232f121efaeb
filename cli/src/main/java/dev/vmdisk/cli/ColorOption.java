package dev.vmdisk.cli;

import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The shared {@code --color=WHEN} option of the commands that draw pictures (bars): {@code auto} (the default)
 * draws them, in colour, only when stdout is a terminal and {@code NO_COLOR} is not set (https://no-color.org);
 * {@code always} draws them anyway (for a pager that keeps colour, and for the tests that pin the pictures);
 * {@code never} never does. Without pictures the text is exactly what it was before there were any.
 */
final class ColorOption {
    enum When { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Draw bars, in colour: auto (when stdout is a terminal and NO_COLOR is not set), always or never "
                    + "(default: ${DEFAULT-VALUE}).")
    When when = When.auto;

    /** Whether to draw pictures on stdout, as this process's environment and stdout decide. */
    boolean pictures() {
        return pictures(when, System.getenv(), Terminal.isTerminal(1));
    }

    /** {@code NO_COLOR} counts when set to anything but the empty string, as no-color.org says. */
    static boolean pictures(When when, Map<String, String> env, boolean stdoutIsTerminal) {
        return switch (when) {
            case always -> true;
            case never -> false;
            case auto -> stdoutIsTerminal && env.getOrDefault("NO_COLOR", "").isEmpty();
        };
    }
}
