package dev.vmdisk.cli;

import dev.vmdisk.io.ExitCode;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The {@code vmdisk} command: global options and the list of subcommands. */
@Command(name = "vmdisk",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Inspect, compact and reset raw VM disk images.",
        subcommands = {
                CommandLine.HelpCommand.class,
                InspectCommand.class,
                HoldersCommand.class,
                CompactCommand.class,
                ResetCommand.class,
                DuCommand.class,
                DemoCommand.class,
                StatusCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (holders: nothing holds the image)",
                "1:unexpected error (a bug; rerun with --stacktrace)",
                "2:usage error",
                "3:the image is in use; nothing changed",
                "4:bad input: not an image, corrupt or truncated data, an inconsistent file system; nothing changed",
                "5:the environment refused: permission, no space, no hole punching; nothing lost",
        })
public final class Main implements Callable<Integer> {

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error (for bug reports).")
    boolean stacktrace;

    private final NativeFs nativeFs;

    Main(NativeFs nativeFs) {
        this.nativeFs = nativeFs;
    }

    /** The platform port every command works through. */
    NativeFs nativeFs() {
        return nativeFs;
    }

    @Spec
    CommandSpec spec;

    /** {@code vmdisk} alone: a usage error that lists the commands. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("vmdisk: Missing a command: one of " + String.join(", ", spec.subcommands().keySet()));
        err.println("Try 'vmdisk --help' for more information.");
        return ExitCode.USAGE.code();
    }

    public static void main(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // picocli's model of every command costs most of a start (its classes are Java 5 class files:
            // no class-data sharing, the old verifier); --version needs none of it.
            try {
                System.out.println(VersionProvider.text());
                return;
            } catch (java.io.IOException e) {
                // fall through: picocli's --version reports it like any other error
            }
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs vmdisk with the platform port for this machine, loaded only when a command needs it. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(new LazyNativeFs(NativeFsLoader::load), out, err, args);
    }

    /** Runs vmdisk with the given port; tests call this, never {@link #main}. */
    public static int run(NativeFs nativeFs, PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main(nativeFs);
        CommandLine cmd = new CommandLine(main);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setUsageHelpAutoWidth(true); // help fits the terminal; picocli's Ansi.AUTO already honours NO_COLOR
        cmd.setExecutionExceptionHandler(new ErrorReporter(err, () -> main.stacktrace));
        cmd.setParameterExceptionHandler(ErrorReporter::usage);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
