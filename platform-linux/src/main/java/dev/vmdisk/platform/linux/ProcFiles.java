package dev.vmdisk.platform.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads /proc files, which report size 0 and may hold bytes that are not UTF-8 (paths, arguments). */
final class ProcFiles {
    /** A read that distinguishes "not allowed" from "the process is gone". */
    record Read(String text, boolean denied) {
        static final Read GONE = new Read(null, false);
        static final Read DENIED = new Read(null, true);

        boolean ok() {
            return text != null;
        }
    }

    private ProcFiles() {
    }

    static Read read(Path file) {
        try {
            return new Read(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), false);
        } catch (AccessDeniedException e) {
            return Read.DENIED;
        } catch (IOException e) {
            return Read.GONE; // ENOENT, ESRCH: the process exited
        }
    }

    /** The text of a file, or "" when it cannot be read for any reason. */
    static String readOrEmpty(Path file) {
        Read r = read(file);
        return r.ok() ? r.text() : "";
    }
}
