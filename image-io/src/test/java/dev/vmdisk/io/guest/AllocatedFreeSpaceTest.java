package dev.vmdisk.io.guest;

import dev.vmdisk.io.scan.Extent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zero scan reads the data extents less the trimmed ranges: checked against a bit per byte. */
class AllocatedFreeSpaceTest {

    @Test
    void subtractionMatchesBitByBit() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            int size = 1 + random.nextInt(400);
            List<Extent> data = new ArrayList<>();
            BitSet want = new BitSet(size);
            for (int p = random.nextInt(5); p < size; ) {
                int len = 1 + random.nextInt(30);
                int end = Math.min(size, p + len);
                data.add(new Extent(p, end - p));
                want.set(p, end);
                p = end + 1 + random.nextInt(20); // extents never touch, as SEEK_DATA reports them
            }
            List<Long> ranges = new ArrayList<>();
            for (int p = random.nextInt(10); p < size; ) {
                int end = Math.min(size, p + 1 + random.nextInt(40));
                ranges.add((long) p);
                ranges.add((long) end);
                want.clear(p, end);
                p = end + random.nextInt(25);
                if (p == end && !ranges.isEmpty()) {
                    p++; // keep ranges disjoint and not touching (the builder joins touching ones)
                }
            }
            AllocatedFreeSpace free = AllocatedFreeSpace.ofRanges(ranges.stream().mapToLong(Long::longValue).toArray());
            BitSet got = new BitSet(size);
            long last = -1;
            for (Extent e : free.subtractFrom(data)) {
                assertTrue(e.length() > 0 && e.offset() > last, "sorted, non-empty: " + e);
                got.set((int) e.offset(), (int) e.end());
                last = e.end();
            }
            assertEquals(want, got, "round " + round);
        }
    }

    @Test
    void concatKeepsOrderAndRefusesOverlap() {
        AllocatedFreeSpace a = AllocatedFreeSpace.ofRanges(0, 10, 20, 30);
        AllocatedFreeSpace b = AllocatedFreeSpace.ofRanges(40, 50);
        AllocatedFreeSpace both = AllocatedFreeSpace.concat(List.of(a, AllocatedFreeSpace.NONE, b));
        assertEquals(3, both.count());
        assertEquals(30, both.bytes());
        assertEquals(40, both.start(2));
        assertThrows(IllegalArgumentException.class, () -> AllocatedFreeSpace.concat(List.of(b, a)));
    }

    @Test
    void overlapCountsTheBytesOfARunInsideTheRanges() {
        AllocatedFreeSpace free = AllocatedFreeSpace.ofRanges(10, 20, 30, 40, 100, 200);
        assertEquals(0, free.overlap(0, 10));
        assertEquals(5, free.overlap(15, 10));
        assertEquals(20, free.overlap(0, 50));
        assertEquals(10, free.overlap(30, 10));
        assertEquals(120, free.overlap(5, 1000));
        assertEquals(0, free.overlap(200, 50));
        assertEquals(0, AllocatedFreeSpace.NONE.overlap(0, 1 << 20));
        java.util.Random r = new java.util.Random(7);
        for (int round = 0; round < 200; round++) { // against counting byte by byte
            long offset = r.nextInt(250);
            long length = r.nextInt(100);
            long want = 0;
            for (long b = offset; b < offset + length; b++) {
                want += (b >= 10 && b < 20) || (b >= 30 && b < 40) || (b >= 100 && b < 200) ? 1 : 0;
            }
            assertEquals(want, free.overlap(offset, length), offset + "+" + length);
        }
    }
}
