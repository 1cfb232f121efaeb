package dev.vmdisk.cli;

import dev.vmdisk.io.VmdiskException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * The one place that turns an exception into an exit code and a one-line message on stderr
 * ({@code vmdisk: rootfs.img: …}); the stack trace only with {@code --stacktrace}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    private final PrintWriter err;
    private final BooleanSupplier stacktrace;

    ErrorReporter(PrintWriter err, BooleanSupplier stacktrace) {
        this.err = err;
        this.stacktrace = stacktrace;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        int code;
        String nativeFailure = nativeLoadFailure(ex);
        if (ex instanceof VmdiskException v) {
            err.println("vmdisk: " + v.getMessage());
            code = ExitCode.of(v);
        } else if (nativeFailure != null) {
            err.println("vmdisk: " + nativeFailure);
            code = ExitCode.ENVIRONMENT.code();
        } else {
            err.println("vmdisk: unexpected error: " + ex + " (a bug; rerun with --stacktrace and report it)");
            code = ExitCode.BUG.code();
        }
        if (stacktrace.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * A native library that cannot be loaded (zstd-jni or JNA unpack theirs into {@code java.io.tmpdir}
     * first) is the environment's doing: one line with the remedy, exit 5, not a stack trace and exit 1.
     * Returns null when {@code t} is no such failure.
     */
    static String nativeLoadFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LinkageError) {
                String what = c.getMessage() != null ? c.getMessage() : c.toString();
                Throwable root = c;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                if (root != c && root.getMessage() != null) {
                    what += " (" + root.getMessage() + ")";
                }
                return "cannot load a native library: " + what + "; Java unpacks native libraries into java.io.tmpdir ("
                        + System.getProperty("java.io.tmpdir") + "): make it an existing, writable directory not mounted"
                        + " noexec, or choose another with VMDISK_JAVA_OPTS=-Djava.io.tmpdir=DIR";
            }
        }
        return null;
    }

    /** Usage errors: one line and where to read more, exit 2. */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("vmdisk: " + ex.getMessage().replaceFirst("^Error: ", "")); // picocli's prefix; ours says it already
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
