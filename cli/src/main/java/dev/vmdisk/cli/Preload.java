package dev.vmdisk.cli;

import dev.vmdisk.io.reset.ImageReset;

/**
 * Loads what a command will need (JNA and the platform port, zstd's native library) on a second thread
 * while picocli builds the command's model and parses the arguments on the first: the two took about
 * the same time one after the other, and machines running vmdisk have a second core.
 */
final class Preload {
    private Preload() {
    }

    /** Starts the loading for {@code command} (a subcommand's name, or null), if it needs any. */
    static void start(String command, LazyNativeFs fs) {
        if (command == null || command.equals("help")) {
            return;
        }
        boolean decoder = command.equals("reset") || command.equals("demo");
        Thread t = new Thread(() -> {
            fs.preload();
            if (decoder) {
                ImageReset.preloadDecoder();
            }
        }, "vmdisk-preload");
        t.setDaemon(true);
        t.start();
    }
}
