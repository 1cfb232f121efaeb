package dev.vmdisk.platform.macos;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The range handed to F_PUNCHHOLE never passes the file's end, and EINVAL is "misaligned" only when it is. */
class PunchRequestTest {
    static final long B = 4096;

    @Test
    void aRangeRoundedUpPastTheEndStopsAtTheLastWholeBlock() {
        // A 3-block-and-1000-byte file; the compactor asks for blocks 1.. up to the rounded-up end (4 blocks).
        long size = 3 * B + 1000;
        assertEquals(new PunchRequest(B, 2 * B), PunchRequest.within(B, 3 * B, size, B));
        // Only the partial tail was asked for: nothing is punched.
        assertTrue(PunchRequest.within(3 * B, B, size, B).isEmpty());
        // Inside the file, the range is kept as given.
        assertEquals(new PunchRequest(0, 2 * B), PunchRequest.within(0, 2 * B, size, B));
        // A block-aligned file: up to its end exactly.
        assertEquals(new PunchRequest(2 * B, 2 * B), PunchRequest.within(2 * B, 5 * B, 4 * B, B));
    }

    @Test
    void einvalOnAnAlignedRangeIsNotCalledMisaligned() {
        assertTrue(new PunchRequest(B, 2 * B).einvalReason(B).contains("refused although aligned"));
        assertTrue(new PunchRequest(B + 512, 2 * B).einvalReason(B).contains("not aligned to the 4096-byte"));
        assertTrue(new PunchRequest(B, 2 * B - 1).einvalReason(B).contains("not aligned"));
    }
}
