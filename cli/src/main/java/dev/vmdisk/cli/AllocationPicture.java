package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.inspect.Inspection;

import java.util.List;

/**
 * What an image's host allocation is made of, against its apparent size, as one stacked bar and a legend:
 * guest data in use, blocks the guest calls free that the host still allocates, all-zero blocks (the last two
 * are what compact gives back), and what is not allocated at all (holes). For {@code inspect}, and for
 * {@code status} to draw the same bar per image.
 *
 * <p>A free guest block may also be all zeros: such a block is counted once, as guest-free (as compact counts it
 * as trimmed), using {@code zeroFreeBytes}; where that overlap is unknown (-1) the zeros are capped at what the
 * guest-free blocks leave of the allocation. The segments never add up to more than the allocation.
 *
 * @param apparentBytes  the file's length
 * @param allocatedBytes what the host allocates for it
 * @param guestFreeBytes free guest blocks the host still allocates (0 when no file system may be trimmed)
 * @param zeroBytes      allocated all-zero blocks
 * @param zeroFreeBytes  those of the zero blocks that are also guest-free, or -1 when unknown
 */
record AllocationPicture(long apparentBytes, long allocatedBytes, long guestFreeBytes, long zeroBytes, long zeroFreeBytes) {
    static final int WIDTH = 40;
    private static final String DATA = "█";
    private static final String FREE = "▓";
    private static final String ZERO = "▒";
    private static final String HOLE = "·";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String DIM = "\u001b[2m";

    /** An inspected image's picture: the guest-free blocks of every file system that may be trimmed. */
    static AllocationPicture of(Inspection ins) {
        long guestFree = ins.fileSystems().stream().filter(GuestFsReport::trimAllowed)
                .mapToLong(f -> Math.max(0, f.hostAllocatedFreeBytes())).sum();
        return new AllocationPicture(ins.apparentBytes(), ins.allocatedBytes(), guestFree, ins.zeroBytes(), ins.zeroFreeBytes());
    }

    long freeSegment() {
        return Math.max(0, Math.min(guestFreeBytes, allocatedBytes));
    }

    long zeroSegment() {
        long outsideFree = zeroFreeBytes < 0 ? zeroBytes : zeroBytes - zeroFreeBytes;
        return Math.max(0, Math.min(outsideFree, allocatedBytes - freeSegment()));
    }

    long dataSegment() {
        return Math.max(0, allocatedBytes - freeSegment() - zeroSegment());
    }

    /** Not allocated: holes (an allocation past the apparent size, as a preallocated file has, leaves none). */
    long holeSegment() {
        return Math.max(0, apparentBytes - allocatedBytes);
    }

    /** The bar, {@link #WIDTH} cells between two edges. */
    String bar(boolean colour) {
        return "│" + Bars.stacked(List.of(
                new Bars.Segment(dataSegment(), DATA, ""),
                new Bars.Segment(freeSegment(), FREE, YELLOW),
                new Bars.Segment(zeroSegment(), ZERO, CYAN),
                new Bars.Segment(holeSegment(), HOLE, DIM)), WIDTH, colour) + "│";
    }

    /** What each glyph stands for, with its bytes. */
    String legend(boolean colour) {
        return key(DATA, "", colour) + " data " + Sizes.human(dataSegment())
                + "  " + key(FREE, YELLOW, colour) + " guest-free " + Sizes.human(freeSegment())
                + "  " + key(ZERO, CYAN, colour) + " zeros " + Sizes.human(zeroSegment())
                + "  " + key(HOLE, DIM, colour) + " not allocated " + Sizes.human(holeSegment());
    }

    private static String key(String glyph, String sgr, boolean colour) {
        return colour && !sgr.isEmpty() ? sgr + glyph + Bars.RESET : glyph;
    }
}
