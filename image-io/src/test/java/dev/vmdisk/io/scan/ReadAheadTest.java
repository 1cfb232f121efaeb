package dev.vmdisk.io.scan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadAheadTest {

    @Test
    void segmentsCloserThanTheGapBecomeOneRange() {
        List<Extent> segments = List.of(new Extent(0, 4096), new Extent(8192, 4096), new Extent(20480, 4096));
        assertEquals(List.of(new Extent(0, 24576)), ReadAhead.ranges(segments, 8192));
    }

    @Test
    void aWiderGapStartsANewRange() {
        List<Extent> segments = List.of(new Extent(0, 4096), new Extent(8192, 4096), new Extent(100_000, 10));
        assertEquals(List.of(new Extent(0, 12288), new Extent(100_000, 10)), ReadAhead.ranges(segments, 4096));
    }

    @Test
    void aGapOfExactlyTheLimitIsJoined() {
        List<Extent> segments = List.of(new Extent(0, 10), new Extent(20, 10));
        assertEquals(List.of(new Extent(0, 30)), ReadAhead.ranges(segments, 10));
        assertEquals(2, ReadAhead.ranges(segments, 9).size());
    }

    @Test
    void noSegmentsNoRanges() {
        assertEquals(List.of(), ReadAhead.ranges(List.of(), ReadAhead.MAX_GAP));
    }
}
