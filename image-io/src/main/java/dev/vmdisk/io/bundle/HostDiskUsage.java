package dev.vmdisk.io.bundle;

import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.inspect.FileNames;
import dev.vmdisk.io.nativefs.FileAllocation;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What files and directories take on the host, counted as GNU {@code du -sB1} counts them: every entry's own
 * {@code st_blocks × 512} ({@code lstat}: a symbolic link is the link, never followed), each inode once however
 * many hard links name it, a directory itself as well as what is in it. One instance is one {@code du} run:
 * an inode already counted by an earlier call counts 0 in a later one, so the calls add up to the total.
 */
final class HostDiskUsage {
    private final NativeFs fs;
    private final Set<FileId> seen = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    HostDiskUsage(NativeFs fs) {
        this.fs = fs;
    }

    /** Bytes of {@code root} and, when it is a directory, of everything below it not counted before. */
    long of(Path root) {
        long total = 0;
        Deque<Path> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Path p = todo.pop();
            if (!FileNames.representable(p)) {
                // A name Java cannot pass back to the OS cannot be looked at: said, not guessed (du counts it).
                problems.add(FileNames.display(p) + ": not counted: its name cannot be passed back to the OS (see the"
                        + " file name's own line)");
                continue;
            }
            FileAllocation a;
            try {
                a = fs.allocationNoFollow(p);
            } catch (VmdiskException e) {
                problems.add("not counted: " + e.getMessage()); // gone since the listing, or unreadable: du says so too, and goes on
                continue;
            }
            if (seen.add(a.id())) {
                total += a.allocatedBytes();
            }
            if (a.directory()) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                    for (Path e : entries) {
                        todo.push(e);
                    }
                } catch (IOException e) {
                    problems.add("not counted: " + p + ": cannot list the directory: " + e.getMessage());
                }
            }
        }
        return total;
    }

    /**
     * Bytes of {@code dir}'s own entry only (its real path: {@code du DIR} of a symbolic link to a directory
     * would count the link, but status reads the directory it names).
     */
    long itself(Path dir) {
        try {
            FileAllocation a = fs.allocationNoFollow(dir.toRealPath());
            return seen.add(a.id()) ? a.allocatedBytes() : 0;
        } catch (IOException | VmdiskException e) {
            problems.add("not counted: " + dir + ": " + e.getMessage());
            return 0;
        }
    }

    /** What could not be counted (each a one-line reason); the totals leave it out, as du does. */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
