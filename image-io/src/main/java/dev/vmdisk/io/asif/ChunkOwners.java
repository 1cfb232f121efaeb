package dev.vmdisk.io.asif;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which structure of one directory's view uses each physical chunk: the header and directories, a
 * table, a bitmap, a data chunk. A chunk claimed twice is refused, whatever the two uses: punching a data
 * chunk that is also a table would destroy the map. Only chunks already checked to lie inside the file
 * are claimed, so this never holds more entries than the file has chunks.
 */
final class ChunkOwners {
    private final Path image;
    private final int chunkSize;
    private final Map<Long, String> owners = new HashMap<>();

    ChunkOwners(Path image, int chunkSize) {
        this.image = image;
        this.chunkSize = chunkSize;
    }

    /** @throws dev.vmdisk.io.BadInputException when {@code chunk} already has a use */
    void claim(long chunk, String use) {
        String before = owners.putIfAbsent(chunk, use);
        if (before != null) {
            throw AsifHeader.bad(image, "ASIF chunk " + chunk + " (byte " + chunk * chunkSize + ") is referenced twice: as "
                    + before + " and as " + use);
        }
    }

    boolean claimed(long chunk) {
        return owners.containsKey(chunk);
    }
}
