package dev.vmdisk.io.tmp;

import java.nio.file.Path;

/**
 * One entry under a temp directory and what the sweep did or would do with it.
 *
 * @param path   the entry (never followed when it is a link)
 * @param kind   file, directory, symlink or special (socket, FIFO, device)
 * @param bytes  its apparent size (0 for directories)
 * @param verdict removed, or kept and why
 * @param detail the why for people, e.g. "modified 2 h ago"
 */
public record TempEntry(Path path, Kind kind, long bytes, Verdict verdict, String detail) {

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
