package dev.vmdisk.io.ext4;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockSetTest {
    @Test
    void rangesAcrossWordsAndClashes() {
        BlockSet s = new BlockSet(1000, "test");
        assertEquals(-1, s.setRange(60, 10));
        assertTrue(s.get(60) && s.get(69));
        assertFalse(s.get(59) || s.get(70));
        assertEquals(69, s.setRange(69, 200));
        assertEquals(-1, s.setRange(0, 60));
        assertEquals(0, s.nextSet(0));
        assertEquals(-1, s.nextSet(269));
        assertEquals(-1, s.setRange(999, 1));
        assertEquals(999, s.nextSet(269));
        assertEquals(-1, s.setRange(300, 128));
        assertEquals(300, s.nextSet(269));
        assertEquals(427, s.setRange(427, 1));
    }
}
