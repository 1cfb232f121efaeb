package dev.vmdisk.cli;

import dev.vmdisk.io.VmdiskException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * How commands that take several images treat a failing one: alone, its error is the command's
 * (the one mapper reports it); among several, it is reported in one line and the others go on, and
 * the command exits with the first failure's code.
 */
final class EachImage {
    private EachImage() {
    }

    /** Runs {@code step} on each image; returns 0, or the exit code of the first image that failed. */
    static int run(List<Path> images, PrintWriter err, Consumer<Path> step) {
        int exit = 0;
        for (Path image : images) {
            try {
                step.accept(image);
            } catch (VmdiskException e) {
                if (images.size() == 1) {
                    throw e;
                }
                err.println("vmdisk: " + e.getMessage());
                err.flush();
                exit = exit == 0 ? ExitCode.of(e) : exit;
            }
        }
        return exit;
    }
}
