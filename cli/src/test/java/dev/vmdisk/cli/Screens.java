package dev.vmdisk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden screens: whole rendered outputs kept under {@code src/test/resources/screens/}, so a change to what people
 * see is a reviewed diff of a text file. {@code -Dvmdisk.screens.update=true} rewrites them from the current output
 * (then read the diff before committing it).
 */
final class Screens {
    private static final Path SOURCE = Path.of("src/test/resources/screens");

    private Screens() {
    }

    static void assertScreen(String name, String actual) {
        if (Boolean.getBoolean("vmdisk.screens.update")) {
            try {
                Files.createDirectories(SOURCE);
                Files.writeString(SOURCE.resolve(name), actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertEquals(expected(name), actual, "screens/" + name + " (rerun with -Dvmdisk.screens.update=true to accept a change)");
    }

    static String expected(String name) {
        try (InputStream in = Screens.class.getResourceAsStream("/screens/" + name)) {
            if (in == null) {
                throw new AssertionError("no golden screen screens/" + name + "; make it with -Dvmdisk.screens.update=true");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
