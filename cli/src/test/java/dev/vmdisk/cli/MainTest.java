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

    @Test
    void theCommandIsTheFirstArgumentThatIsNotAnOption() {
        assertEquals("reset", Main.commandName("--stacktrace", "reset", "--keep-old", "x.img"));
        assertEquals("help", Main.commandName("help", "compact"));
        assertEquals(null, Main.commandName("--help"));
        assertEquals(null, Main.commandName());
    }

    @Test
    void helpOfTheHelpCommandStillListsEveryCommand() {
        CliRun r = CliRun.of("help");
        assertEquals(0, r.exitCode(), r.describe());
        for (String word : new String[] {"inspect", "holders", "compact", "reset", "du", "demo", "status"}) {
            assertTrue(r.out().contains(word), word + " missing from\n" + r.out());
        }
    }

    @Test
    void aMistypedCommandIsAUsageErrorNamingIt() {
        CliRun r = CliRun.of("rest", "x.img");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().startsWith("vmdisk: Unmatched arguments from index 0: 'rest'"), r.describe());
    }

    @Test
    void aGlobalOptionBeforeTheCommandStillRunsIt() {
        CliRun r = CliRun.of("--stacktrace", "reset", "--help");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("--keep-old"), r.describe());
    }
}
