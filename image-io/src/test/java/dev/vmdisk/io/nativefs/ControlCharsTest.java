package dev.vmdisk.io.nativefs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ControlCharsTest {

    @Test
    void plainNamesAreKeptAsTheyAre() {
        String name = "qemu-system-aarch64 sessión 会话";
        assertSame(name, ControlChars.escape(name));
    }

    @Test
    void controlCharactersAreEscapedAsLsBDoes() {
        assertEquals("evil\\x1b[2J\\nvmdisk: fake line\\t\\r\\x00\\x7f\\x9b",
                ControlChars.escape("evil\u001b[2J\nvmdisk: fake line\t\r\u0000\u007f\u009b"));
    }

    @Test
    void aBackslashIsEscapedSoAnEscapeCannotBeForged() {
        assertEquals("a\\\\nb", ControlChars.escape("a\\nb"));
    }

    @Test
    void lineSeparatorsAndBidiOverridesAreEscaped() {
        assertEquals("gnp.\\u202eexe\\u2028x", ControlChars.escape("gnp.\u202eexe\u2028x"));
    }
}
