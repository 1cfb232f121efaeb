package dev.vmdisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vmdisk.io.bundle.BundleFileKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every kind of bundle file status can name is one status.schema.json allows, and the schema names no other. */
class StatusKindNamesTest {
    @Test
    void theSchemaListsExactlyTheKindsStatusNames() throws IOException {
        JsonNode schema;
        try (InputStream in = StatusKindNamesTest.class.getResourceAsStream("/schemas/status.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        Set<String> allowed = new TreeSet<>();
        schema.at("/properties/files/items/properties/kind/enum").forEach(n -> allowed.add(n.asText()));
        Set<String> named = new TreeSet<>();
        for (BundleFileKind k : BundleFileKind.values()) {
            named.add(StatusCommand.kindName(k));
        }
        assertEquals(allowed, named);
    }
}
