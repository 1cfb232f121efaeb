package dev.vmdisk.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads vmdisk's JSON with python3's own parser, an independent judge, through one expression over {@code d}. */
final class PyJson {
    private PyJson() {
    }

    /** The lines {@code expression} (a Python expression yielding strings, over the parsed {@code d}) prints, in order. */
    static List<String> lines(String json, String expression) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c",
                "import json,sys\nd=json.load(sys.stdin)\nfor x in (" + expression + "): print(x)")
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(json.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python3 could not read the JSON: " + out + "\n" + json);
        }
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
