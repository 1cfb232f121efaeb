package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void versionNamesVmdiskAndTheBuiltVersion() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().matches("vmdisk \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.describe());
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode(), r.describe());
        for (String word : new String[] {"inspect", "holders", "Exit codes", "image is in use"}) {
            assertTrue(r.out().contains(word), word + " missing from\n" + r.out());
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorOfOneLinePlusAHint() {
        CliRun r = CliRun.of("inspect", "--no-such-option", "x.img");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().startsWith("vmdisk: Unknown option: '--no-such-option'"), r.describe());
        assertEquals(2, r.err().lines().count(), r.describe());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("Missing a command"), r.describe());
    }

    @Test
    void aMissingImageArgumentIsAUsageError() {
        assertEquals(2, CliRun.of("inspect").exitCode());
        assertEquals(2, CliRun.of("holders").exitCode());
    }
}
