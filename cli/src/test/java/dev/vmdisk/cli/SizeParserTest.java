package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SizeParserTest {
    @Test
    void bytesAndBinaryUnits() {
        assertEquals(0, SizeParser.parse("0"));
        assertEquals(1234, SizeParser.parse("1234"));
        assertEquals(512, SizeParser.parse("512B"));
        assertEquals(1024, SizeParser.parse("1k"));
        assertEquals(512L << 20, SizeParser.parse("512M"));
        assertEquals(1L << 30, SizeParser.parse("1G"));
        assertEquals(1L << 30, SizeParser.parse("1GiB"));
        assertEquals(3L << 39, SizeParser.parse("1.5T"));
        assertEquals(1536, SizeParser.parse("1.5 KiB"));
        assertEquals(1, SizeParser.parse("1.9")); // a fraction of a byte is dropped
    }

    @Test
    void anythingElseIsRefusedWithAnExample() {
        for (String bad : new String[] {"", "G", "-1G", "1GB", "1 gigabyte", "1e9", "0x10", "1P", "9999999999T"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> SizeParser.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void aBadSizeOnTheCommandLineIsAUsageError() {
        CliRun r = CliRun.of("compact", "--if-reclaimable", "1GB", "rootfs.img");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().startsWith("vmdisk: Invalid value for option '--if-reclaimable': '1GB' is not a size;"), r.describe());
        assertEquals("", r.out());
    }
}
