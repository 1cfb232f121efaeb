package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AgeParserTest {
    @Test
    void unitsAsWritten() {
        assertEquals(Duration.ofHours(72), AgeParser.parse("72h"));
        assertEquals(Duration.ofDays(3), AgeParser.parse("3d"));
        assertEquals(Duration.ofMinutes(90), AgeParser.parse("90m"));
        assertEquals(Duration.ofSeconds(5), AgeParser.parse("5S"));
        assertEquals(Duration.ofDays(14), AgeParser.parse("2w"));
    }

    @Test
    void aBareNumberOrAFractionIsRefused() {
        assertThrows(TypeConversionException.class, () -> AgeParser.parse("72"));
        assertThrows(TypeConversionException.class, () -> AgeParser.parse("1.5h"));
        assertThrows(TypeConversionException.class, () -> AgeParser.parse("-3d"));
        assertThrows(TypeConversionException.class, () -> AgeParser.parse("9999999999d"));
    }
}
