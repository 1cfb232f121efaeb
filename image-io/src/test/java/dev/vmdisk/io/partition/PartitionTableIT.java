package dev.vmdisk.io.partition;

import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partition tables read by vmdisk agree with what sfdisk (util-linux) reads from the same file. */
class PartitionTableIT {
    private static final Pattern PARTITION = Pattern.compile(
            "\"node\":\\s*\"[^\"]*?(\\d+)\",\\s*\"start\":\\s*(\\d+),\\s*\"size\":\\s*(\\d+),\\s*\"type\":\\s*\"([^\"]+)\"");

    @TempDir
    Path dir;

    /** One partition as {@code sfdisk --json} lists it, in 512-byte sectors. */
    record SfdiskPartition(int index, long start, long size, String type) {
    }

    static List<SfdiskPartition> sfdisk(Path image) {
        Tools.require("sfdisk");
        String json = Tools.run("sfdisk", "--json", image.toString()).orThrow().stdout();
        List<SfdiskPartition> out = new ArrayList<>();
        Matcher m = PARTITION.matcher(json);
        while (m.find()) {
            out.add(new SfdiskPartition(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)), m.group(4)));
        }
        assertFalse(out.isEmpty(), "no partitions in sfdisk's output: " + json);
        return out;
    }

    /** vmdisk's partitions in sfdisk's terms: slot, start and size in sectors, type as sfdisk spells it (MBR: "5", not "0x05"). */
    static List<SfdiskPartition> asSfdisk(PartitionTable t) {
        return t.partitions().stream().map(p -> new SfdiskPartition(p.index(), p.startByte() / 512, p.lengthBytes() / 512,
                t.scheme() == Scheme.MBR ? Integer.toHexString(Integer.decode(p.type())) : p.type())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-efi-ext4.img", "mbr-ext2.img"})
    void fixturesMatchSfdisk(String fixture) throws IOException {
        Path image = Fixtures.copy(fixture, dir);
        assertEquals(sfdisk(image), asSfdisk(PartitionTableTest.read(image)));
    }

    @Test
    void theTestGptBuilderWritesWhatSfdiskAndSgdiskAccept() throws IOException {
        Path image = GptImage.write(dir.resolve("built.img"), 512, 8192,
                new GptImage.Part(2048, 4095, GptImage.LINUX_FS, "a"),
                new GptImage.Part(4096, 8158, "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "b"));
        assertEquals(sfdisk(image), asSfdisk(PartitionTableTest.read(image)));
        Tools.require("sgdisk");
        String verify = Tools.run("sgdisk", "-v", image.toString()).orThrow().stdout();
        assertTrue(verify.contains("No problems found"), verify);
    }

    @Test
    void anMbrWithFourSlotsMatchesSfdiskForThePrimaryAndExtendedEntries() throws IOException {
        Path image = Fixtures.emptySparse(dir, "four.img", 64L << 20);
        Tools.require("sfdisk");
        Tools.run("sh", "-c", "printf 'label: dos\\nlabel-id: 0xcafe0001\\nstart=2048, size=20480, type=83, bootable\\n"
                + "size=20480, type=82\\nsize=20480, type=8e\\ntype=5\\nsize=8192, type=83\\n' | sfdisk -q "
                + image).orThrow();
        PartitionTable t = PartitionTableTest.read(image);
        List<SfdiskPartition> primaries = sfdisk(image).stream().filter(p -> p.index() <= 4).toList();
        assertEquals(primaries, asSfdisk(t));
        assertEquals(List.of("Linux", "Linux swap / Solaris", "Linux LVM", "Extended"),
                t.partitions().stream().map(Partition::typeName).toList());
        assertEquals("cafe0001-02", t.partitions().get(1).uuid());
    }

    @Test
    void aGptMadeBySgdiskMatchesSfdisk() throws IOException {
        Tools.require("sgdisk");
        Path image = Fixtures.emptySparse(dir, "sg.img", 32L << 20);
        Tools.run("sgdisk", "-n", "1:2048:+1M", "-t", "1:ef02", "-n", "2:0:+8M", "-t", "2:8300", "-c", "2:rootfs",
                "-n", "3:0:0", "-t", "3:8200", image.toString()).orThrow();
        PartitionTable t = PartitionTableTest.read(image);
        assertEquals(sfdisk(image), asSfdisk(t));
        assertEquals(List.of("BIOS boot", "Linux filesystem", "Linux swap"),
                t.partitions().stream().map(Partition::typeName).toList());
        assertEquals("rootfs", t.partitions().get(1).name());
    }
}
