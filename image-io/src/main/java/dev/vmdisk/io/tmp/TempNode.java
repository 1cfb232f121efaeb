package dev.vmdisk.io.tmp;

import dev.vmdisk.io.nativefs.FileId;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What {@code lstat} said about one entry, read before anything under it was listed, so listing a
 * directory cannot make it look recently accessed.
 */
record TempNode(Path path, TempEntry.Kind kind, FileId id, int uid, long bytes, FileTime accessed, FileTime modified) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    /** Reads the entry itself, never what a link points to. */
    static TempNode of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,dev,ino,size,lastAccessTime,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        int type = (Integer) a.get("mode") & S_IFMT;
        TempEntry.Kind kind = switch (type) {
            case S_IFREG -> TempEntry.Kind.FILE;
            case S_IFDIR -> TempEntry.Kind.DIRECTORY;
            case S_IFLNK -> TempEntry.Kind.SYMLINK;
            default -> TempEntry.Kind.SPECIAL;
        };
        return new TempNode(path, kind, new FileId((Long) a.get("dev"), (Long) a.get("ino")), (Integer) a.get("uid"),
                kind == TempEntry.Kind.DIRECTORY ? 0 : (Long) a.get("size"),
                (FileTime) a.get("lastAccessTime"), (FileTime) a.get("lastModifiedTime"));
    }

    /**
     * Whether {@code now} is the same entry, untouched since this was read. A directory's own times are not
     * compared: listing it and removing what it held change them; rmdir refuses it if anything is new inside.
     */
    boolean unchangedIn(TempNode now) {
        if (now.kind != kind || !now.id.equals(id)) {
            return false;
        }
        return kind == TempEntry.Kind.DIRECTORY || now.modified.equals(modified) && now.accessed.equals(accessed);
    }
}
