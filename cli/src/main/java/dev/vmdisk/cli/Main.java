package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** The {@code vmdisk} command: global options and the list of subcommands. */
@Command(name = "vmdisk",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Inspect, compact and reset raw VM disk images.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (holders: nothing holds the image)",
                "1:unexpected error (a bug; rerun with --stacktrace)",
                "2:usage error",
                "3:the image is in use; nothing changed",
                "4:bad input: not an image, corrupt or truncated data, an inconsistent file system; nothing changed",
                "5:the environment refused: permission, no space, no hole punching; nothing lost (doctor: a problem found)",
        })
public final class Main implements Callable<Integer> {

    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli builds a command's
     * model by reflection, tens of milliseconds each, so a run builds only the command it runs.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand::new);
        m.put("inspect", InspectCommand::new);
        m.put("holders", HoldersCommand::new);
        m.put("compact", CompactCommand::new);
        m.put("reset", ResetCommand::new);
        m.put("du", DuCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("status", StatusCommand::new);
        m.put("prune", PruneCommand::new);
        m.put("tmp", TmpCommand::new);
        m.put("doctor", DoctorCommand::new);
        return Collections.unmodifiableMap(m);
    }

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

    /**
     * Runs vmdisk with the platform port for this machine, loaded only when a command needs it, and then
     * on a second thread while picocli reads the command line.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        LazyNativeFs fs = new LazyNativeFs(NativeFsLoader::load);
        Preload.start(commandName(args), fs);
        return run(fs, out, err, args);
    }

    /** Runs vmdisk with the given port; tests call this, never {@link #main}. */
    public static int run(NativeFs nativeFs, PrintWriter out, PrintWriter err, String... args) {
        // Figures read the same everywhere (4.0K, not 4,0K; ASCII digits), and scripts parse vmdisk's text too.
        // Every category: String.format without a locale takes the FORMAT default, but PrintWriter.printf takes
        // Locale.getDefault() itself (an ar_EG JVM printed du's percentages in Arabic-Indic digits).
        Locale.setDefault(Locale.ROOT);
        Main main = new Main(nativeFs);
        CommandLine cmd = commandLine(main, commandName(args));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setUsageHelpAutoWidth(true); // help fits the terminal; picocli's Ansi.AUTO already honours NO_COLOR
        cmd.setExecutionExceptionHandler(new ErrorReporter(err, () -> main.stacktrace));
        cmd.setParameterExceptionHandler(ErrorReporter::usage);
        try {
            return cmd.execute(args);
        } catch (LinkageError e) { // an Error from a command is not picocli's to handle: it ends here
            err.println("vmdisk: " + ErrorReporter.nativeLoadFailure(e));
            if (main.stacktrace) {
                e.printStackTrace(err);
            }
            return ExitCode.ENVIRONMENT.code();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The whole model, every subcommand in it: for help, docs and completions. */
    static CommandLine commandLine(Main main) {
        return commandLine(main, null);
    }

    /** The model with only {@code command} in it when that is a known command other than help; else all of them. */
    private static CommandLine commandLine(Main main, String command) {
        CommandLine cmd = new CommandLine(main);
        if (command != null && !command.equals("help") && SUBCOMMANDS.containsKey(command)) {
            cmd.addSubcommand(SUBCOMMANDS.get(command).get());
        } else {
            SUBCOMMANDS.values().forEach(s -> cmd.addSubcommand(s.get()));
        }
        return cmd;
    }

    /** The first argument that is not an option: the subcommand's name (vmdisk's own options take no value). */
    static String commandName(String... args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
