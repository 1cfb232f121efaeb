package dev.vmdisk.testdata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Each committed partitioned-disk fixture is, byte for byte, the image scripts/make-partitioned.sh made. */
class PartitionedFixturesTest {
    /** Surefire runs in the module directory, where the sums file lives. */
    private static final Path SUMS = Path.of("fixtures-partitioned.sha256");

    @Test
    void everyRecordedFixtureHasItsRecordedSha256(@TempDir Path dir) throws Exception {
        Map<String, String> sums = readSums();
        assertEquals(List.of("gpt-efi-ext4.img", "mbr-ext2.img", "bare-ext4.img"), List.copyOf(sums.keySet()));
        for (Map.Entry<String, String> e : sums.entrySet()) {
            Path copy = Fixtures.copy(e.getKey(), dir);
            assertEquals(e.getValue(), Checksums.sha256(copy), e.getKey());
        }
    }

    private static Map<String, String> readSums() throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SUMS, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" {2}", 2);
            assertEquals(2, parts.length, "malformed line in " + SUMS + ": " + line);
            sums.put(parts[1].trim(), parts[0]);
        }
        assertFalse(sums.isEmpty(), SUMS + " is empty");
        return sums;
    }

}
