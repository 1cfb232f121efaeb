package dev.vmdisk.io.compact;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.nativefs.NativeFile;

/** The one-line report of a compaction that another process's open stopped: what was done, and that it is safe. */
final class Interrupted {
    private Interrupted() {
    }

    /**
     * @param trimmed free guest blocks punched before the stop
     * @param zeros   zero blocks punched before the stop
     * @param before  the image's allocation at the start
     */
    static ExclusivityLostException by(ExclusivityLostException e, long trimmed, long zeros, NativeFile file, long before) {
        String done = trimmed + zeros == 0 ? "nothing had been punched yet, so the image is unchanged"
                : (trimmed > 0 ? Sizes.human(trimmed) + " of free guest blocks trimmed" + (zeros > 0 ? " and " : "") : "")
                + (zeros > 0 ? Sizes.human(zeros) + " of zero blocks punched" : "")
                + " (allocated " + Sizes.human(before) + " -> " + Sizes.human(file.allocatedBytes()) + "); every punched"
                + " block was free in the guest or all zeros, so nothing was lost";
        return new ExclusivityLostException(e.getMessage() + "; " + done + "; stop that process (the VM) and run compact"
                + " again", e.holders());
    }
}
