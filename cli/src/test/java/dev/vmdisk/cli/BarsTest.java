package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarsTest {
    private static int cells(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").codePointCount(0, s.replaceAll("\u001b\\[[0-9;]*m", "").length());
    }

    @Test
    void aShareFillsItsPartOfTheWidthToAnEighthOfACell() {
        assertEquals("██████████", Bars.share(10, 10, 10));
        assertEquals("          ", Bars.share(0, 10, 10));
        assertEquals("█████     ", Bars.share(1, 2, 10));
        assertEquals("▌         ", Bars.share(1, 20, 10));
        assertEquals("          ", Bars.share(5, 0, 10), "nothing to be a share of");
        assertEquals("██████████", Bars.share(30, 10, 10), "never past the edge");
        for (long part = 0; part <= 1000; part += 7) {
            assertEquals(20, cells(Bars.share(part, 1000, 20)), "part " + part);
        }
    }

    @Test
    void aStackedBarSplitsItsWidthByShareAndAlwaysFillsItExactly() {
        List<Bars.Segment> s = List.of(new Bars.Segment(1, "a", ""), new Bars.Segment(2, "b", "\u001b[33m"),
                new Bars.Segment(1, "c", ""));
        assertEquals("aabbbbcc", Bars.stacked(s, 8, false));
        assertEquals("aa\u001b[33mbbbb\u001b[0mcc", Bars.stacked(s, 8, true));
        for (int a = 0; a < 50; a += 3) {
            for (int b = 0; b < 50; b += 5) {
                String bar = Bars.stacked(List.of(new Bars.Segment(a, "a", ""), new Bars.Segment(b, "b", "")), 40, false);
                assertEquals(40, bar.length(), a + "/" + b);
            }
        }
        assertEquals("    ", Bars.stacked(List.of(new Bars.Segment(0, "a", "")), 4, false));
    }

    @Test
    void withoutColourThereIsNoEscapeCode() {
        AllocationPicture p = new AllocationPicture(100, 80, 30, 20, 5);
        assertFalse(p.bar(false).contains("\u001b"), p.bar(false));
        assertFalse(p.legend(false).contains("\u001b"), p.legend(false));
        assertTrue(p.bar(true).contains("\u001b["), p.bar(true));
        assertEquals(AllocationPicture.WIDTH + 2, cells(p.bar(true)));
    }

    @Test
    void theAllocationIsSplitAsCompactCountsIt() {
        // 80 allocated of 100: 30 guest-free (5 of them zeros), 20 zeros in all: 15 zeros outside, 35 data, 20 holes
        AllocationPicture p = new AllocationPicture(100, 80, 30, 20, 5);
        assertEquals(30, p.freeSegment());
        assertEquals(15, p.zeroSegment());
        assertEquals(35, p.dataSegment());
        assertEquals(20, p.holeSegment());
        // the overlap unknown: zeros are capped by what guest-free leaves, nothing is counted twice
        AllocationPicture unknown = new AllocationPicture(100, 80, 70, 40, -1);
        assertEquals(70, unknown.freeSegment());
        assertEquals(10, unknown.zeroSegment());
        assertEquals(0, unknown.dataSegment());
    }
}
