package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.NativeFsLoader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/** One run of {@link Main#run} with captured stdout and stderr, as tests use it; its {@code --json} output checked against its schema. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(NativeFsLoader.load(), new PrintWriter(out), new PrintWriter(err), args);
        checkJson(out.toString(), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Every {@code --json} output a test makes must match its command's published schema. */
    static void checkJson(String stdout, String... args) {
        String command = Main.commandName(args);
        if (Arrays.asList(args).contains("--json") && JsonSchemas.COMMANDS.contains(command) && !stdout.isBlank()) {
            JsonSchemas.assertValid(command, stdout);
        }
    }

    /** For assertion messages. */
    String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
