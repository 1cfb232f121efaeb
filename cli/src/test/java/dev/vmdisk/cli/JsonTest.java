package dev.vmdisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written writer produces JSON an independent parser (Jackson) reads back to the same values. */
class JsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyKindOfValueReadsBackTheSame() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 1);
        m.put("big", Long.MAX_VALUE);
        m.put("seconds", 0.125);
        m.put("yes", true);
        m.put("none", null);
        m.put("empty", Map.of());
        m.put("nothing", List.of());
        m.put("nested", List.of(Map.of("a", List.of(1, 2)), "x"));
        String json = Json.write(m);
        JsonNode n = MAPPER.readTree(json);
        assertEquals(List.of("schemaVersion", "big", "seconds", "yes", "none", "empty", "nothing", "nested"), fieldNames(n),
                "keys keep their order");
        assertEquals(Long.MAX_VALUE, n.get("big").longValue());
        assertEquals(0.125, n.get("seconds").doubleValue());
        assertTrue(n.get("yes").booleanValue());
        assertTrue(n.get("none").isNull());
        assertEquals(2, n.get("nested").get(0).get("a").get(1).intValue());
    }

    @Test
    void anyStringRoundTripsControlCharactersQuotesAndUnicodeIncluded() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        all.append("é漢\uD83D\uDE00\u2028"); // a process name is whatever its owner chose
        String json = Json.write(Map.of("name", all.toString()));
        assertEquals(all.toString(), MAPPER.readTree(json).get("name").textValue());
        assertTrue(json.chars().noneMatch(c -> c < 0x20 && c != '\n'), "no raw control character: " + json);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anotherObjectIsWrittenAsItsString() throws Exception {
        assertEquals("[\n  \"a/b\"\n]", Json.write(Arrays.asList(java.nio.file.Path.of("a/b"))));
        assertEquals(MAPPER.readTree("[\"a/b\"]"), MAPPER.readTree(Json.write(List.of(java.nio.file.Path.of("a/b")))));
    }
}
