package dev.vmdisk.io.ext4;

/**
 * Checksum mismatches met while reading. They do not stop {@code du} (the structure still parsed)
 * but refuse trimming. Only the first is kept with its words; the rest are counted, so a wholly
 * corrupt inode table cannot fill the heap with messages.
 */
final class ChecksumProblems {
    private String first;
    private long count;

    synchronized void add(String problem) {
        if (first == null) {
            first = problem;
        }
        count++;
    }

    synchronized boolean isEmpty() {
        return count == 0;
    }

    /** One line: the first problem, and how many more there were. */
    synchronized String summary() {
        return count == 0 ? "no checksum errors"
                : first + (count > 1 ? " (and " + (count - 1) + " more checksum errors)" : "");
    }
}
