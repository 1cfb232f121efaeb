package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.vmdisk.cli.ColorOption.When.always;
import static dev.vmdisk.cli.ColorOption.When.auto;
import static dev.vmdisk.cli.ColorOption.When.never;
import static dev.vmdisk.cli.ColorOption.pictures;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When pictures (bars and their colours) are drawn: https://no-color.org, and a pipe never gets them unasked. */
class ColorOptionTest {
    @Test
    void autoDrawsOnATerminalUnlessNoColorIsSet() {
        assertTrue(pictures(auto, Map.of(), true));
        assertFalse(pictures(auto, Map.of(), false), "a pipe or a file");
        assertFalse(pictures(auto, Map.of("NO_COLOR", "1"), true));
        assertTrue(pictures(auto, Map.of("NO_COLOR", ""), true), "an empty NO_COLOR does not count");
    }

    @Test
    void anExplicitChoiceWins() {
        assertTrue(pictures(always, Map.of("NO_COLOR", "1"), false));
        assertFalse(pictures(never, Map.of(), true));
    }
}
