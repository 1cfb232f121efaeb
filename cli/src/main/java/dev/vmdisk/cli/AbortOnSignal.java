package dev.vmdisk.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C or a kill (not -9) while a reset writes: a shutdown hook stops it before the rename, so the old image
 * stays and the temporary file is removed, then says so on stderr. Installed for the length of a try block.
 */
final class AbortOnSignal implements AutoCloseable {
    private final Thread hook;

    private AbortOnSignal(Thread hook) {
        this.hook = hook;
    }

    /**
     * @param abort   asks the running work to stop; true when it was running and has stopped
     * @param message what stopping left, printed only when {@code abort} stopped something
     */
    static AbortOnSignal install(BooleanSupplier abort, PrintWriter err, String message) {
        Thread hook = new Thread(() -> {
            if (abort.getAsBoolean()) {
                err.println();
                err.println("vmdisk: " + message);
                err.flush();
            }
        }, "vmdisk-reset-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        return new AbortOnSignal(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down already: the hook is running or has run.
        }
    }
}
