package dev.vmdisk.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LongListTest {
    @Test
    void growsPastItsFirstArrayAndKeepsOrder() {
        LongList list = new LongList();
        for (long i = 0; i < 1000; i++) {
            list.add(i * 3);
        }
        assertEquals(1000, list.size());
        assertEquals(2997, list.get(999));
        assertEquals(1000, list.toArray().length);
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(1000));
    }

    @Test
    void rangesJoinOnlyWhenTheyTouch() {
        LongList ranges = new LongList();
        ranges.addRange(0, 4096);
        ranges.addRange(4096, 8192);   // touches: joined
        ranges.addRange(12288, 16384); // a gap: a new pair
        ranges.addRange(16384, 20480);
        assertArrayEquals(new long[] {0, 8192, 12288, 20480}, ranges.toArray());
    }

    @Test
    void sortedDistinctDropsRepeats() {
        LongList list = new LongList();
        for (long v : new long[] {9, 3, 9, 1, 3, 3}) {
            list.add(v);
        }
        assertArrayEquals(new long[] {1, 3, 9}, list.sortedDistinct());
        assertArrayEquals(new long[] {9, 3, 9, 1, 3, 3}, list.toArray(), "the list itself is unchanged");
    }
}
