package dev.vmdisk.io.tmp;

import java.nio.file.Path;

/**
 * One entry under a temp directory and what the sweep did or would do with it.
 *
 * @param path   the entry (never followed when it is a link)
 * @param kind   file, directory, symlink or special (socket, FIFO, device)
 * @param bytes  its apparent size (0 for directories)
 * @param verdict removed, or kept and why
 * @param why    the figures behind the verdict, which cli words ("modified 2h 0m ago")
 */
public record TempEntry(Path path, Kind kind, long bytes, Verdict verdict, Why why) {

    /** Why an entry got its verdict, finer than the verdict: two reasons may share one. */
    public enum Reason {
        OTHER_FILE_SYSTEM, OTHER_OWNER, SPECIAL_FILE, MODIFIED_RECENTLY, ACCESSED_RECENTLY, HOLDERS_UNKNOWN, HELD,
        UNREADABLE, ENTRIES_KEPT_INSIDE, STALE,
        /** Found at removal: something inside it was kept after all. */
        CHILD_NOT_REMOVED,
        CHANGED_SINCE_SCAN, REMOVED_MEANWHILE, CREATED_INSIDE_SINCE_SCAN, REMOVE_FAILED
    }

    /**
     * @param reason             which reason
     * @param accessedSecondsAgo seconds since it was last accessed (negative when its time lies in the future)
     * @param modifiedSecondsAgo seconds since it was last modified (likewise)
     * @param number             the owner's uid for {@code OTHER_OWNER}, the entries kept inside for
     *                           {@code ENTRIES_KEPT_INSIDE}; else 0
     * @param message            the system's or the holder probe's own words for {@code HOLDERS_UNKNOWN},
     *                           {@code UNREADABLE} and {@code REMOVE_FAILED}; else ""
     */
    public record Why(Reason reason, long accessedSecondsAgo, long modifiedSecondsAgo, long number, String message) {
        public static Why of(Reason reason, long accessedSecondsAgo, long modifiedSecondsAgo) {
            return new Why(reason, accessedSecondsAgo, modifiedSecondsAgo, 0, "");
        }

        public Why with(Reason other) {
            return new Why(other, accessedSecondsAgo, modifiedSecondsAgo, 0, "");
        }

        public Why with(Reason other, long otherNumber, String otherMessage) {
            return new Why(other, accessedSecondsAgo, modifiedSecondsAgo, otherNumber, otherMessage);
        }
    }

    public enum Kind {
        FILE, DIRECTORY, SYMLINK, SPECIAL;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What happened to an entry; every kept one says why. */
    public enum Verdict {
        /** Stale and unheld: removed by {@code --clean}, or would be in a dry run. */
        REMOVE("remove"),
        /** Accessed or modified within the age. */
        FRESH("fresh"),
        /** Some live process has it open, mapped, or as its working or root directory. */
        HELD("held"),
        /** The platform cannot tell whether a process holds it, so it stays. */
        HOLDERS_UNKNOWN("holders-unknown"),
        /** Another user owns it and this run is neither that user nor root. */
        OTHER_OWNER("other-owner"),
        /** Another file system is mounted there; vmdisk never crosses into it. */
        OTHER_FILE_SYSTEM("other-file-system"),
        /** A socket, FIFO or device: a live process may use it without holding it open. */
        SPECIAL("special-file"),
        /** A directory that keeps something inside. */
        NOT_EMPTY("not-empty"),
        /** A directory vmdisk could not list. */
        UNREADABLE("unreadable"),
        /** It changed between the scan and its removal. */
        CHANGED("changed"),
        /** Removing it failed. */
        FAILED("failed"),
        /** Its directory is measured only, never swept unless named with --dir. */
        NOT_SWEPT("not-swept");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public boolean removed() {
        return verdict == Verdict.REMOVE;
    }
}
