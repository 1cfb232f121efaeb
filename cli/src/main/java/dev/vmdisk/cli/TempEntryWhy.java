package dev.vmdisk.cli;

import dev.vmdisk.io.tmp.TempEntry;

import java.time.Duration;

/**
 * Why {@code vmdisk tmp} kept or removes an entry, in words, from the figures the sweep read: "modified 5m ago",
 * "owned by uid 1001; only that user or root may sweep it". Text and JSON ({@code detail}) both use it.
 */
final class TempEntryWhy {
    private TempEntryWhy() {
    }

    static String of(TempEntry.Why w) {
        return switch (w.reason()) {
            case OTHER_FILE_SYSTEM -> "another file system is mounted here; vmdisk never crosses into one";
            case OTHER_OWNER -> "owned by uid " + w.number() + "; only that user or root may sweep it";
            case SPECIAL_FILE -> "a socket, FIFO or device: a live process may use it without holding it open";
            case MODIFIED_RECENTLY -> "modified " + ago(w.modifiedSecondsAgo()) + " ago";
            case ACCESSED_RECENTLY -> "accessed " + ago(w.accessedSecondsAgo()) + " ago";
            case HOLDERS_UNKNOWN, UNREADABLE -> w.message();
            case HELD -> "held by a live process (open, mapped, or its working directory)";
            case ENTRIES_KEPT_INSIDE -> w.number() + (w.number() == 1 ? " entry" : " entries") + " inside kept";
            case STALE -> "stale: accessed " + ago(w.accessedSecondsAgo()) + " ago, modified " + ago(w.modifiedSecondsAgo())
                    + " ago, not open";
            case CHILD_NOT_REMOVED -> "something inside could not be removed";
            case CHANGED_SINCE_SCAN -> "changed since the scan";
            case REMOVED_MEANWHILE -> "removed by someone else meanwhile";
            case CREATED_INSIDE_SINCE_SCAN -> "something was created inside since the scan";
            case REMOVE_FAILED -> "could not remove: " + w.message();
        };
    }

    private static String ago(long seconds) {
        return Ages.human(Duration.ofSeconds(seconds));
    }
}
