package dev.vmdisk.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top of every {@code --json} document: an object whose first key is {@code schemaVersion}, so a script
 * can check it before reading on. The schemas under {@code schemas/} (one per command) describe version 1;
 * a change that would break a script reading version 1 raises it.
 */
final class JsonDocument {
    static final int SCHEMA_VERSION = 1;

    private JsonDocument() {
    }

    /** A new document with {@code schemaVersion} first; the caller adds the command's own keys in order. */
    static Map<String, Object> start() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", SCHEMA_VERSION);
        return m;
    }

    /** A document of one image's (or one entry's) fields, {@code schemaVersion} first. */
    static Map<String, Object> of(Map<String, Object> fields) {
        Map<String, Object> m = start();
        m.putAll(fields);
        return m;
    }

    /** A document for commands that take several images: {@code {"schemaVersion": 1, "images": [...]}}. */
    static Map<String, Object> images(List<?> images) {
        Map<String, Object> m = start();
        m.put("images", images);
        return m;
    }
}
