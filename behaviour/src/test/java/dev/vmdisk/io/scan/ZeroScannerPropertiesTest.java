package dev.vmdisk.io.scan;

import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.port.HostPort;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random layouts of data, zeros, single bytes and holes, at byte granularity: the scanner finds
 * exactly the zero blocks a byte-by-byte reading finds, for tiny and default windows, 1 or 2 workers.
 */
class ZeroScannerPropertiesTest {
    static final int BLOCK = 4096;
    final NativeFs fs = HostPort.load();

    /** A piece of the layout: its length, what it holds, or null for a hole. */
    record Span(int length, PatternFile.Kind kind) {
    }

    @Provide
    Arbitrary<List<Span>> layouts() {
        Arbitrary<Integer> lengths = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 2 * BLOCK),
                Arbitraries.of(BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 3 * BLOCK),
                Arbitraries.integers().between(BLOCK, 12 * BLOCK));
        Arbitrary<PatternFile.Kind> kinds = Arbitraries.of(PatternFile.Kind.values()).injectNull(0.2);
        return Combinators.combine(lengths, kinds).as(Span::new).list().ofMinSize(0).ofMaxSize(25);
    }

    @Property(tries = 60)
    void findsExactlyTheZeroBlocksOfData(@ForAll("layouts") List<Span> layout,
                                         @ForAll @IntRange(min = 12, max = 14) int power,
                                         @ForAll @IntRange(min = 1, max = 2) int threads) throws IOException {
        Path dir = Files.createTempDirectory("vmdisk-scan");
        try {
            List<PatternFile.Piece> pieces = new ArrayList<>();
            long at = 0;
            for (Span s : layout) {
                if (s.kind() != null) {
                    pieces.add(new PatternFile.Piece(at, s.length(), s.kind()));
                }
                at += s.length();
            }
            Path p = PatternFile.write(dir.resolve("img"), at, pieces, layout.size());
            List<long[]> expected = PatternFile.expectedRuns(p, at, pieces, BLOCK);
            List<long[]> actual = ZeroScannerTest.scan(fs, p, power, threads, null);
            assertEquals(render(expected), render(actual));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static String render(List<long[]> runs) {
        StringBuilder sb = new StringBuilder();
        runs.forEach(r -> sb.append('[').append(r[0]).append(',').append(r[1]).append(')'));
        return sb.toString();
    }
}
