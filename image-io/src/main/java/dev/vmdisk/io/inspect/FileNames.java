package dev.vmdisk.io.inspect;

import dev.vmdisk.io.BadInputException;

import java.io.ByteArrayOutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names Java cannot give back to the OS. A name read from a directory keeps its bytes, but Java
 * decodes them with the JVM's file-name encoding ({@code sun.jnu.encoding}, from the locale: ASCII under
 * {@code LANG=C}, cron and launchd) and every path made from that text encodes it again: a name that is
 * not valid in that encoding (not ASCII under {@code LANG=C}; bytes that are not UTF-8 under a UTF-8
 * locale) either throws {@link InvalidPathException} or names another file, which does not exist. Such a
 * name is reported and its file left alone, never half-handled.
 */
public final class FileNames {
    private FileNames() {
    }

    /** Whether the text of {@code path} names the same file again (always true for a path made from text). */
    public static boolean representable(Path path) {
        try {
            return path.getFileSystem().getPath(path.toString()).equals(path);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** @throws BadInputException the name of {@code path} cannot be passed back to the OS (exit 4) */
    public static void requireRepresentable(Path path) {
        if (!representable(path)) {
            throw unrepresentable(path);
        }
    }

    /** The last part of {@link #display}: the file's name alone. */
    public static String displayName(Path path) {
        if (representable(path)) {
            return String.valueOf(path.getFileName());
        }
        String shown = display(path);
        return shown.substring(shown.lastIndexOf('/') + 1);
    }

    /** The one-line refusal of a path whose name cannot be passed back to the OS. */
    public static BadInputException unrepresentable(Path path) {
        String encoding = System.getProperty("sun.jnu.encoding", "?");
        boolean utf8 = encoding.equalsIgnoreCase("UTF-8");
        return new BadInputException(display(path) + ": the file name "
                + (utf8 ? "is not valid UTF-8" : "cannot be written in this JVM's file-name encoding, " + encoding)
                + ", so vmdisk cannot open it by name; "
                + (utf8 ? "rename it to a UTF-8 name" : "run vmdisk through its launcher, or under a UTF-8 locale (LC_ALL=C.UTF-8)")
                + "; it was left alone");
    }

    /**
     * The path for messages: as given when its text is right; otherwise as its bytes, absolute, printable
     * ASCII as it is and every other byte as {@code \xNN}
     * (the text Java decoded shows U+FFFD or '?' instead, which tells the user nothing). The bytes come
     * from the path's URI, which the JDK builds from the raw bytes.
     */
    public static String display(Path path) {
        if (representable(path)) {
            return path.toString();
        }
        String raw = path.toAbsolutePath().toUri().getRawPath();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes.toByteArray()) {
            int u = b & 0xff;
            if (u >= 0x20 && u < 0x7f && u != '\\') {
                sb.append((char) u);
            } else {
                sb.append(String.format("\\x%02x", u));
            }
        }
        String shown = sb.toString();
        // A directory's URI ends in '/', which the path itself does not.
        return shown.length() > 1 && shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
    }
}
