package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcMapsTest {
    private static final FileId FILE = new FileId(0xfe00, 2146661);

    @Test
    void sumsEveryMappingOfTheFileByDeviceAndInode() {
        String maps = """
                55d0c0a00000-55d0c0a21000 r--p 00000000 fe:00 2146000                    /usr/bin/python3.11
                7f151d786000-7f151d787000 rw-s 00000000 fe:00 2146661                    /var/lib/vm/disk.img
                7f151d800000-7f151d802000 r--s 00010000 fe:00 2146661                    /var/lib/vm/disk.img (deleted)
                7f151d900000-7f151d901000 r--s 00000000 fe:01 2146661                    /other/fs/same-inode
                7f151da00000-7f151da01000 r--s 00000000 fe:00 21466610                   /var/lib/vm/longer-inode
                7ffd6a5e1000-7ffd6a602000 rw-p 00000000 00:00 0                          [stack]
                """;
        assertEquals(Optional.of(new Hold(HoldKind.MAPPED, "2 mappings (r--s, rw-s), 12288 bytes")), ProcMaps.mappingOf(maps, FILE));
    }

    @Test
    void noMappingNoHold() {
        assertEquals(Optional.empty(), ProcMaps.mappingOf("7ffd6a5e1000-7ffd6a602000 rw-p 00000000 00:00 0  [stack]\n", FILE));
        assertEquals(Optional.empty(), ProcMaps.mappingOf("", FILE));
        assertEquals(Optional.empty(), ProcMaps.mappingOf("zz-7f rw-s 0 fe:00 2146661 /x\n", FILE));
    }

    @Test
    void onePassFindsTheMappingsOfSeveralFiles() {
        FileId other = new FileId(0xfe01, 2146661);
        FileId absent = new FileId(0xfe00, 1);
        String maps = """
                7f151d786000-7f151d787000 rw-s 00000000 fe:00 2146661                    /var/lib/vm/disk.img
                7f151d900000-7f151d902000 r--s 00000000 fe:01 2146661                    /other/fs/same-inode
                7ffd6a5e1000-7ffd6a602000 rw-p 00000000 00:00 0                          [stack]
                """;
        assertEquals(Map.of(FILE, new Hold(HoldKind.MAPPED, "1 mapping (rw-s), 4096 bytes"),
                        other, new Hold(HoldKind.MAPPED, "1 mapping (r--s), 8192 bytes")),
                ProcMaps.mappingsOf(maps, Set.of(FILE, other, absent)));
    }
}
