package dev.vmdisk.cli;

import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Text and JSON of what an image holds, made in one place from the core's plain record. */
class ContentOutputTest {
    @TempDir
    Path dir;

    private static ImageContent detect(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image)) {
            return ContentDetector.detect(ch, 0, ch.size(), image.getFileName());
        }
    }

    @Test
    void aFileSystemIsOneLineWithLabelAndUuid() throws IOException {
        assertEquals(List.of("ext4, 4.0 MiB, 1024-byte blocks, label \"bare\", uuid 0b1e7a55-0000-4000-8000-0000000ba4e4"),
                ContentOutput.lines(detect(Fixtures.copy("bare-ext4.img", dir))));
    }

    @Test
    void aTableListsEachPartitionUnderItsSummary() throws IOException {
        assertEquals(List.of("GPT, 2 partitions, disk id 6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D",
                        "  1  at 1.0 MiB, 2.0 MiB, EFI System \"EFI System\": FAT12, 2.0 MiB, label \"EFI\", uuid 1234-5678",
                        "  2  at 3.0 MiB, 4.0 MiB, Linux filesystem \"root\": ext4, 4.0 MiB, 1024-byte blocks, label \"gptroot\","
                                + " uuid 0b1e7a55-0000-4000-8000-00000000e4e4"),
                ContentOutput.lines(detect(Fixtures.copy("gpt-efi-ext4.img", dir))));
    }

    @Test
    void jsonNestsEachPartitionsContent() throws IOException {
        Map<String, Object> m = ContentOutput.json(detect(Fixtures.copy("gpt-efi-ext4.img", dir)));
        assertEquals("gpt", m.get("kind"));
        assertEquals("6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D", m.get("diskId"));
        assertNull(m.get("uuid"));
        List<?> parts = (List<?>) m.get("partitions");
        Map<?, ?> second = (Map<?, ?>) parts.get(1);
        assertEquals(3145728L, second.get("start"));
        assertEquals("Linux filesystem", second.get("typeName"));
        assertEquals("ext4", ((Map<?, ?>) second.get("content")).get("kind"));
    }

    @Test
    void aRawImageHasNoVirtualSizeKey() throws IOException {
        assertFalse(ContentOutput.json(detect(Fixtures.copy("ext4-4k.img", dir))).containsKey("virtualBytes"));
    }

    @Test
    void everyKindHasTheNameTheSchemaLists() throws IOException {
        com.fasterxml.jackson.databind.JsonNode common = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ContentOutputTest.class.getResourceAsStream("/schemas/common.schema.json"));
        java.util.Set<String> listed = new java.util.TreeSet<>();
        common.at("/$defs/content/properties/kind/enum").forEach(n -> listed.add(n.asText()));
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (dev.vmdisk.io.content.ContentKind k : dev.vmdisk.io.content.ContentKind.values()) {
            named.add(ContentOutput.kindName(k));
        }
        assertEquals(listed, named);
        assertEquals("linux-swap", ContentOutput.kindName(dev.vmdisk.io.content.ContentKind.SWAP));
        assertEquals("sparseimage", ContentOutput.kindName(dev.vmdisk.io.content.ContentKind.SPARSEIMAGE));
    }
}
