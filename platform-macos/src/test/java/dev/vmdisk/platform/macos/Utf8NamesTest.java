package dev.vmdisk.platform.macos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file named with a non-ASCII letter opens through a binding loaded as the macOS port loads libSystem,
 * in a JVM started under {@code LC_ALL=C} (ASCII {@code native.encoding}, as a launchd job or CI shell has).
 * Runs on Linux through glibc, which decodes nothing: the bytes JNA sends are the bytes the kernel sees,
 * exactly what matters on macOS. Before the UTF-8 option the probe printed -1 (the name arrived as "Jos?").
 */
class Utf8NamesTest {

    @TempDir
    Path dir;

    @Test
    void aUtf8NameOpensUnderAnAsciiLocale() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("Jos\u00e9.img"), "x");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Utf8OpenProbe.class.getName(), dir.toString()));
        Map<String, String> env = pb.environment();
        new HashMap<>(env).keySet().stream().filter(k -> k.startsWith("LC_") || k.equals("LANG")).forEach(env::remove);
        env.put("LC_ALL", "C");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        assertTrue(Integer.parseInt(out.lines().reduce((a, b) -> b).orElse("-1")) >= 0,
                "the probe could not open Jos\u00e9.img under LC_ALL=C: " + out);
    }
}
