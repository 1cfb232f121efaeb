package dev.vmdisk.io.partition;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.testdata.Fixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random byte changes in the places a partition table lives never end in anything but a table or a
 * one-line {@link BadInputException}: no IndexOutOfBounds, no OutOfMemoryError, no endless loop.
 */
class PartitionTableFuzzTest {
    private static final long SIZE = 8L << 20;
    /** The MBR, the primary header and its entry array; the backup array and header at the end. */
    private static final int HEAD = 34 * 512;
    private static final long TAIL = SIZE - 33 * 512;

    private static Path dir;
    private static Path image;
    private static ByteBuffer head;
    private static ByteBuffer tail;

    /** A byte to set, anywhere in the table's sectors at either end. */
    record Change(long offset, byte value) {
    }

    @BeforeContainer
    static void copyFixture() throws IOException {
        dir = Files.createTempDirectory("vmdisk-fuzz");
        image = Fixtures.copy("gpt-efi-ext4.img", dir);
        head = ImageBytes.read(image, 0, HEAD);
        tail = ImageBytes.read(image, TAIL, (int) (SIZE - TAIL));
    }

    @AfterContainer
    static void removeCopy() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        Arbitrary<Long> where = Arbitraries.oneOf(Arbitraries.longs().between(0, HEAD - 1),
                Arbitraries.longs().between(TAIL, SIZE - 1),
                // the header fields and the used entries, where a change matters most
                Arbitraries.longs().between(512, 512 + 92), Arbitraries.longs().between(1024, 1024 + 256));
        Arbitrary<Change> one = Combinators.combine(where, Arbitraries.bytes()).as(Change::new);
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 200)
    void anyDamageGivesATableOrOneLineOfBadInput(@ForAll("changes") List<Change> changes) throws IOException {
        boolean fixCrc = false;
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(head.duplicate(), 0);
            ch.write(tail.duplicate(), TAIL);
            for (Change c : changes) {
                ch.write(ByteBuffer.wrap(new byte[] {c.value()}), c.offset());
                // half the time a changed header field comes with a CRC that matches it
                fixCrc |= c.offset() >= 512 && c.offset() < 512 + 92 && c.value() % 2 == 0;
            }
        }
        if (fixCrc) {
            ImageBytes.fixHeaderCrc(image, 512);
        }
        try {
            PartitionTable t = PartitionTableTest.read(image);
            for (Partition p : t.partitions()) {
                assertTrue(p.startByte() >= 0 && p.lengthBytes() > 0 && p.endByte() <= SIZE, p::toString);
            }
        } catch (BadInputException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
