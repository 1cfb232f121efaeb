package dev.vmdisk.io.nativefs;

import java.util.Optional;
import java.util.Set;

/**
 * Every file some live process has open, mapped, or as its working or root directory, from one scan of
 * all processes: what {@code vmdisk tmp} asks before removing anything, instead of one holder scan per file.
 *
 * @param files     device and inode of each such file
 * @param unchecked processes that could not be inspected (other users' without root); never silently dropped
 * @param unknown   why the platform cannot list them at all; then {@code files} is empty and means nothing
 */
public record OpenFileSet(Set<FileId> files, int unchecked, Optional<String> unknown) {
    public OpenFileSet {
        files = Set.copyOf(files);
    }

    /** A platform that cannot answer: whoever asks must treat every file as possibly held. */
    public static OpenFileSet unknown(String reason) {
        return new OpenFileSet(Set.of(), 0, Optional.of(reason));
    }

    public boolean known() {
        return unknown.isEmpty();
    }

    /** True when the file is held, or when the platform cannot tell (so the caller keeps it). */
    public boolean mayBeHeld(FileId file) {
        return !known() || files.contains(file);
    }
}
