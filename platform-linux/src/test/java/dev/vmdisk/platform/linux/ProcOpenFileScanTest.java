package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcOpenFileScanTest {
    @Test
    void everyFileBackedMappingAndNothingAnonymous() {
        String maps = """
                55d0c4a00000-55d0c4a02000 r--p 00000000 fe:01 1311  /usr/bin/sleep
                7f151d786000-7f151d787000 rw-s 00000000 fe:00 2146661   /tmp/claude-1000/a file (deleted)
                7ffd4b1c9000-7ffd4b1ea000 rw-p 00000000 00:00 0  [stack]
                55d0c5a8f000-55d0c5ab0000 rw-p 00000000 00:00 0   [heap]
                garbage
                """;
        Set<FileId> files = new HashSet<>();
        ProcOpenFileScan.addMapped(maps, files);
        assertEquals(Set.of(new FileId(LinuxDev.encode(0xfe, 1), 1311), new FileId(LinuxDev.encode(0xfe, 0), 2146661)), files);
    }
}
