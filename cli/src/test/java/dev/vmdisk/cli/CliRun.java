package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.NativeFsLoader;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of {@link Main#run} with captured stdout and stderr, as tests use it. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(NativeFsLoader.load(), new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** For assertion messages. */
    String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
