package dev.vmdisk.io.content;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images that qemu-img itself wrote, in every format it writes that vmdisk names: the kind, and the
 * virtual size against what {@code qemu-img info} reads from the same file.
 */
class ForeignFormatsIT {
    @TempDir
    Path dir;

    /** {@code qemu-img info}'s virtual size of {@code image}, read as {@code format} (a fixed VHD probes as raw). */
    static long qemuVirtualSize(Path image, String format) {
        String json = Tools.run("qemu-img", "info", "-f", format, "--output=json", image.toString()).orThrow().stdout();
        Matcher m = Pattern.compile("\"virtual-size\":\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("qcow2", "", ContentKind.QCOW2, new ContentFacts.Qcow2(3, false)),
                Arguments.of("qcow2", "compat=0.10", ContentKind.QCOW2, new ContentFacts.Qcow2(2, false)),
                Arguments.of("vpc", "subformat=dynamic", ContentKind.VHD, new ContentFacts.Vhd(3)),
                Arguments.of("vpc", "subformat=fixed", ContentKind.VHD, new ContentFacts.Vhd(2)),
                Arguments.of("vhdx", "", ContentKind.VHDX, new ContentFacts.Vhdx()),
                Arguments.of("vmdk", "", ContentKind.VMDK, new ContentFacts.Vmdk(true, 1, "monolithicSparse")),
                Arguments.of("vmdk", "subformat=streamOptimized", ContentKind.VMDK,
                        new ContentFacts.Vmdk(true, 3, "streamOptimized")),
                Arguments.of("vmdk", "subformat=monolithicFlat", ContentKind.VMDK,
                        new ContentFacts.Vmdk(false, 0, "monolithicFlat")),
                Arguments.of("vdi", "", ContentKind.VDI, new ContentFacts.Vdi(1, 1, 1)),
                Arguments.of("vdi", "static=on", ContentKind.VDI, new ContentFacts.Vdi(1, 1, 2)));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void namesWhatQemuImgWroteWithItsVirtualSize(String format, String options, ContentKind kind,
                                                 ContentFacts facts) throws IOException {
        Tools.require("qemu-img");
        Path raw = Fixtures.copy("ext4-4k.img", dir);
        Path image = dir.resolve("disk." + format);
        if (options.isEmpty()) {
            Tools.run("qemu-img", "convert", "-O", format, raw.toString(), image.toString()).orThrow();
        } else {
            Tools.run("qemu-img", "convert", "-O", format, "-o", options, raw.toString(), image.toString()).orThrow();
        }
        ImageContent c = ContentDetectorTest.detect(image);
        assertEquals(kind, c.kind(), c::name);
        assertEquals(facts, c.facts());
        assertEquals(qemuVirtualSize(image, format), c.virtualBytes(), c::name);
        assertTrue(c.partitions().isEmpty(), "the guest inside is not read");
    }

    @Test
    void aVhdxWhoseRegionTableIsDamagedIsRefusedNamingTheTableAndItsOffset() throws IOException {
        Tools.require("qemu-img");
        Path image = dir.resolve("disk.vhdx");
        Tools.run("qemu-img", "create", "-f", "vhdx", image.toString(), "64M").orThrow();
        for (long table : new long[] {192 * 1024, 256 * 1024}) { // both copies
            try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {'x', 'x', 'x', 'x'}), table);
            }
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ContentDetectorTest.detect(image));
        assertEquals("disk.vhdx: VHDX region table at byte 196608 has no \"regi\" signature; vmdisk cannot name this"
                + " VHDX's size (check it with qemu-img check)", e.getMessage());
    }

    @Test
    void aVhdxCutBeforeItsRegionTableIsRefusedAsTruncated() throws IOException {
        Tools.require("qemu-img");
        Path image = dir.resolve("disk.vhdx");
        Tools.run("qemu-img", "create", "-f", "vhdx", image.toString(), "64M").orThrow();
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(100 << 10); // in Java: truncate(1) -s is not on every Mac
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ContentDetectorTest.detect(image));
        assertTrue(e.getMessage().startsWith("disk.vhdx: VHDX region table at byte 196608 lies past the end of the file"
                + " at byte 102400; the image is truncated"), e.getMessage());
    }
}
