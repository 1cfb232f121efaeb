package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.NativeFs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every subcommand works with, written once: the {@code vmdisk} command above it (the platform port),
 * its own model, and its writers (stdout for results, stderr for errors, warnings and progress).
 */
@Command // picocli reads the fields below in each subclass; the subclass's own @Command names and describes it
abstract class VmdiskCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** Results: text for people or the {@code --json} document. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Errors, warnings and progress. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The platform port every command works through. */
    final NativeFs fs() {
        return main.nativeFs();
    }
}
