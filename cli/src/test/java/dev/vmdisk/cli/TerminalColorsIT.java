package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built jar on a real pseudo-terminal (util-linux script): colour there, none with NO_COLOR or into a pipe. */
class TerminalColorsIT {
    private static final String ESC = "\u001b[";

    @TempDir
    Path dir;

    @Test
    void colourOnATerminalUnlessNoColorIsSet() throws Exception {
        Tools.require("script");
        Fixtures.emptySparse(dir, "rootfs.img", 1 << 20);
        String command = java() + " -jar " + GeneratedDocsIT.TARGET.resolve("vmdisk.jar").toAbsolutePath() + " status " + dir;

        String coloured = run(List.of("script", "-qec", command, "/dev/null"), null);
        assertTrue(coloured.contains(ESC + "1m" + dir), coloured);

        String plain = run(List.of("script", "-qec", command, "/dev/null"), "1");
        assertTrue(plain.contains(dir + "\r\n"), plain);
        assertFalse(plain.contains(ESC), plain);

        String piped = run(List.of("sh", "-c", command), null);
        assertFalse(piped.contains(ESC), piped);
        assertTrue(piped.startsWith(dir + "\n"), piped);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String run(List<String> command, String noColor) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("CLICOLOR_FORCE");
        pb.environment().put("TERM", "xterm");
        if (noColor != null) {
            pb.environment().put("NO_COLOR", noColor);
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = pb.redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
