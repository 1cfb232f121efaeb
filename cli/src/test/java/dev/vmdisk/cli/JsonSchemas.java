package dev.vmdisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a command's {@code --json} output against the schema vmdisk publishes for it
 * ({@code schemas/COMMAND.schema.json} in the jar), with networknt's validator as an independent judge.
 * {@link CliRun} calls it on every {@code --json} run the tests make.
 */
final class JsonSchemas {
    static final String BASE = "https://vmdisk.dev/schemas/";
    /** Commands whose {@code --json} has a schema: every command with {@code --json}. */
    static final Set<String> COMMANDS = Set.of("inspect", "holders", "compact", "reset", "du", "tmp", "doctor", "prune", "status");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:schemas/")));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonSchemas() {
    }

    static JsonSchema schema(String command) {
        return SCHEMAS.computeIfAbsent(command, c -> FACTORY.getSchema(SchemaLocation.of(BASE + c + ".schema.json")));
    }

    /** What is wrong with {@code json} as {@code command}'s output; empty when it validates. */
    static Set<String> problems(String command, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
        return schema(command).validate(node).stream().map(ValidationMessage::toString).collect(Collectors.toSet());
    }

    /** Fails with every problem and the document when {@code json} does not validate against {@code command}'s schema. */
    static void assertValid(String command, String json) {
        Set<String> problems = problems(command, json);
        if (!problems.isEmpty()) {
            throw new AssertionError("vmdisk " + command + " --json does not match schemas/" + command + ".schema.json: "
                    + problems + "\n" + json);
        }
    }
}
