package dev.vmdisk.cli;

import dev.vmdisk.io.tmp.TempEntry.Reason;
import dev.vmdisk.io.tmp.TempEntry.Why;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The words for each reason the tmp sweep keeps or removes an entry, pinned as tmp printed them before the
 * figures moved out of the core (TmpCommandIT runs the sweep on real trees and processes).
 */
class TempEntryWhyTest {
    private static final Why TIMES = Why.of(Reason.STALE, 5 * 86_400 + 3 * 3600, 312 * 60);

    private static String line(Reason reason) {
        return TempEntryWhy.of(TIMES.with(reason));
    }

    @Test
    void agesAsPrinted() {
        assertEquals("3d 0h", Ages.human(Duration.ofHours(72)));
        assertEquals("5h 12m", Ages.human(Duration.ofMinutes(312)));
        assertEquals("7m", Ages.human(Duration.ofSeconds(420)));
        assertEquals("0s", Ages.human(Duration.ofSeconds(-3)));
    }

    @Test
    void timesAreWordedAsAges() {
        assertEquals("stale: accessed 5d 3h ago, modified 5h 12m ago, not open", line(Reason.STALE));
        assertEquals("modified 5h 12m ago", line(Reason.MODIFIED_RECENTLY));
        assertEquals("accessed 5d 3h ago", line(Reason.ACCESSED_RECENTLY));
        assertEquals("modified 0s ago", TempEntryWhy.of(Why.of(Reason.MODIFIED_RECENTLY, 0, -40)));
    }

    @Test
    void numbersAndMessages() {
        assertEquals("owned by uid 1001; only that user or root may sweep it", TempEntryWhy.of(TIMES.with(Reason.OTHER_OWNER, 1001, "")));
        assertEquals("1 entry inside kept", TempEntryWhy.of(TIMES.with(Reason.ENTRIES_KEPT_INSIDE, 1, "")));
        assertEquals("3 entries inside kept", TempEntryWhy.of(TIMES.with(Reason.ENTRIES_KEPT_INSIDE, 3, "")));
        assertEquals("could not remove: /t/x: Permission denied",
                TempEntryWhy.of(TIMES.with(Reason.REMOVE_FAILED, 0, "/t/x: Permission denied")));
        assertEquals("cannot list it: Permission denied", TempEntryWhy.of(TIMES.with(Reason.UNREADABLE, 0, "cannot list it: Permission denied")));
        assertEquals("no /proc here", TempEntryWhy.of(TIMES.with(Reason.HOLDERS_UNKNOWN, 0, "no /proc here")));
    }

    @Test
    void fixedPhrases() {
        assertEquals("another file system is mounted here; vmdisk never crosses into one", line(Reason.OTHER_FILE_SYSTEM));
        assertEquals("a socket, FIFO or device: a live process may use it without holding it open", line(Reason.SPECIAL_FILE));
        assertEquals("held by a live process (open, mapped, or its working directory)", line(Reason.HELD));
        assertEquals("something inside could not be removed", line(Reason.CHILD_NOT_REMOVED));
        assertEquals("changed since the scan", line(Reason.CHANGED_SINCE_SCAN));
        assertEquals("removed by someone else meanwhile", line(Reason.REMOVED_MEANWHILE));
        assertEquals("something was created inside since the scan", line(Reason.CREATED_INSIDE_SINCE_SCAN));
    }
}
