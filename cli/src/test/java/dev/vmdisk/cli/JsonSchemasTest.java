package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published schemas are strict enough to fail, and every command that prints JSON has one. */
class JsonSchemasTest {
    private static final String DU = "{\"schemaVersion\": 1, \"path\": \"a.img\", \"guestPath\": \"/\", \"bytes\": 4096,"
            + " \"directories\": [{\"guestPath\": \"/etc\", \"bytes\": 4096, \"depth\": 1}]}";

    @Test
    void aDocumentOfTheRightShapeValidates() {
        assertEquals(Set.of(), JsonSchemas.problems("du", DU));
    }

    @Test
    void anUnknownKeyAMissingKeyOrAnotherVersionFails() {
        assertFalse(JsonSchemas.problems("du", DU.replace("\"bytes\": 4096,", "\"bytes\": 4096, \"size\": 1,")).isEmpty(),
                "an unknown key");
        assertFalse(JsonSchemas.problems("du", DU.replace("\"guestPath\": \"/\", ", "")).isEmpty(), "a missing key");
        assertFalse(JsonSchemas.problems("du", DU.replace("\"schemaVersion\": 1", "\"schemaVersion\": 2")).isEmpty(),
                "another version");
        assertFalse(JsonSchemas.problems("du", DU.replace("\"bytes\": 4096,", "\"bytes\": \"4.0K\",")).isEmpty(),
                "a size that is not a byte count");
        assertFalse(JsonSchemas.problems("holders", "[]").isEmpty(), "a bare array");
    }

    @Test
    void theHolderObjectIsTheSameInEveryCommand() {
        String holders = "{\"held\": true, \"processes\": [{\"pid\": 7, \"name\": \"sleep\", \"command\": \"sleep 9\","
                + " \"holds\": [{\"kind\": \"open\", \"detail\": \"\"}]}], \"uncheckedProcesses\": 0}";
        assertEquals(Set.of(), JsonSchemas.problems("holders",
                "{\"schemaVersion\": 1, \"images\": [{\"path\": \"a.img\", \"holders\": " + holders + ", \"unseenHolder\": null}]}"));
        assertFalse(JsonSchemas.problems("holders", "{\"schemaVersion\": 1, \"images\": [{\"path\": \"a.img\", \"holders\": "
                + holders.replace("\"open\"", "\"opened\"") + ", \"unseenHolder\": null}]}").isEmpty(), "an unknown hold kind");
    }

    @Test
    void everyCommandWithJsonHasASchema() {
        Set<String> withJson = new TreeSet<>();
        CommandLine.Model.CommandSpec root = Main.commandLine(new Main(null)).getCommandSpec();
        root.subcommands().forEach((name, cmd) -> {
            if (cmd.getCommandSpec().findOption("--json") != null) {
                withJson.add(name);
            }
        });
        assertEquals(new TreeSet<>(JsonSchemas.COMMANDS), withJson);
        withJson.forEach(c -> assertTrue(JsonSchemas.schema(c) != null, c));
    }
}
