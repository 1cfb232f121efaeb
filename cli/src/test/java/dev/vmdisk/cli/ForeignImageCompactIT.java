package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * inspect and compact on other programs' image formats: named with their virtual size, and compacted
 * only as far as every byte of the file stays as it was (checked by SHA-256 and by the owning tool).
 */
@EnabledOnOs(OS.LINUX)
class ForeignImageCompactIT {
    @TempDir
    Path dir;

    /** The ext4 fixture (deleted files' bytes in its free blocks) converted by qemu-img, every block allocated. */
    private Path converted(String format, String options) {
        Tools.require("qemu-img");
        Path raw = Fixtures.copy("ext4-4k.img", dir);
        Path image = dir.resolve("disk." + format);
        Tools.run("qemu-img", "convert", "-O", format, "-o", options, raw.toString(), image.toString()).orThrow();
        Path full = dir.resolve("full-disk." + format);
        Tools.run("cp", "--sparse=never", image.toString(), full.toString()).orThrow();
        return full;
    }

    @Test
    void aFixedVhdHoldingExt4IsNotTrimmedEveryByteStays() {
        // A fixed VHD is the raw disk plus a footer: before vmdisk knew VHD it trimmed the ext4 at byte 0.
        Path vhd = converted("vpc", "subformat=fixed");
        String before = sha256(vhd);
        CliRun r = CliRun.of("compact", vhd.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(before, sha256(vhd), "compact changed a byte of the VHD");
        assertTrue(r.out().contains("a VHD image: the guest inside was not read") && r.out().contains("qemu-img"), r.out());
        assertTrue(!r.out().contains("trimmed"), r.out());
        // qemu-img cannot check a VHD; it can compare the guest it reads with the raw original.
        assertEquals(0, Tools.run("qemu-img", "compare", "-f", "vpc", "-F", "raw", vhd.toString(),
                dir.resolve("ext4-4k.img").toString()).exitCode(), "qemu-img compare");
    }

    @Test
    void aUdifWhoseDataForkIsExt4IsNotTrimmed() throws IOException {
        Path img = Fixtures.copy("ext4-4k.img", dir);
        Path full = dir.resolve("disk.dmg");
        Tools.run("cp", "--sparse=never", img.toString(), full.toString()).orThrow();
        ByteBuffer koly = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
        koly.put(0, new byte[] {'k', 'o', 'l', 'y'}).putInt(4, 4).putInt(8, 512).putLong(492, 65536);
        try (FileChannel ch = FileChannel.open(full, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(koly);
        }
        String before = sha256(full);
        CliRun r = CliRun.of("compact", "--json", full.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(before, sha256(full));
        assertEquals(0, CompactCommandTest.jsonLong(r.out(), "trimmedBytes"), r.out());
        assertTrue(r.out().contains("\"note\": \"a UDIF image: the guest inside was not read") && r.out().contains("hdiutil"),
                r.out());
    }

    @Test
    void qcow2InspectNamesItAndCompactPunchesOnlyZerosTheFileReadingAsBefore() {
        Path qcow2 = converted("qcow2", "preallocation=full");
        String before = sha256(qcow2);
        long allocated = Tools.allocatedBytes(qcow2);
        CliRun i = CliRun.of("inspect", "--json", qcow2.toString());
        assertEquals(0, i.exitCode(), i.describe());
        assertTrue(i.out().contains("\"kind\": \"qcow2\"") && i.out().contains("\"virtualBytes\": 33554432"), i.out());
        CliRun r = CliRun.of("compact", qcow2.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(before, sha256(qcow2), "compact changed a byte of the qcow2");
        assertTrue(Tools.allocatedBytes(qcow2) < allocated, "preallocated zeros were given back");
        assertTrue(r.out().contains("a qcow2 image: the guest inside was not read"), r.out());
        assertEquals(0, Tools.run("qemu-img", "check", qcow2.toString()).exitCode(), "qemu-img check");
    }
}
