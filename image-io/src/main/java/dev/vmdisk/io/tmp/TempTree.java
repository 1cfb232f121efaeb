package dev.vmdisk.io.tmp;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.CountProgress;
import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A temp directory as it was when walked: every entry by {@code lstat}, links never followed, and no
 * descent into another file system (a mount point is one entry, its contents unseen).
 */
final class TempTree {
    final TempNode node;
    final List<TempTree> children = new ArrayList<>();
    /** Why the directory could not be listed; then its contents are unknown and it is never removed. */
    Optional<String> unreadable = Optional.empty();

    private TempTree(TempNode node) {
        this.node = node;
    }

    /** Counts the entries walks read and reports them to a progress every so many. */
    static final class Counter {
        private static final int REPORT_EVERY = 256;
        private final CountProgress progress;
        private long read;

        Counter(CountProgress progress) {
            this.progress = progress;
        }

        void one() {
            if (++read % REPORT_EVERY == 0) {
                progress.advance(read);
            }
        }

        void report() {
            progress.advance(read);
        }
    }

    /** Walks {@code root}, which must be a real directory, not a link to one, counting each entry read on {@code counter}. */
    static TempTree walk(Path root, Counter counter) {
        TempNode top;
        try {
            top = TempNode.of(root);
        } catch (NoSuchFileException e) {
            throw new BadInputException(root + ": no such directory");
        } catch (IOException e) {
            throw new EnvironmentException(root + ": cannot read: " + e.getMessage());
        }
        if (top.kind() == TempEntry.Kind.SYMLINK) {
            throw new BadInputException(root + ": is a symbolic link; vmdisk never follows one (name the directory it points to)");
        }
        if (top.kind() != TempEntry.Kind.DIRECTORY) {
            throw new BadInputException(root + ": not a directory");
        }
        TempTree tree = new TempTree(top);
        counter.one();
        tree.fill(top.id().device(), counter);
        return tree;
    }

    private void fill(long device, Counter counter) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(node.path())) {
            for (Path p : entries) {
                TempNode child;
                try {
                    child = TempNode.of(p);
                } catch (NoSuchFileException e) {
                    continue; // removed meanwhile
                }
                counter.one();
                TempTree sub = new TempTree(child);
                children.add(sub);
                if (child.kind() == TempEntry.Kind.DIRECTORY && child.id().device() == device) {
                    sub.fill(device, counter);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            unreadable = Optional.of("cannot list: " + e.getMessage());
        }
        children.sort(java.util.Comparator.comparing(c -> c.node.path().getFileName().toString()));
    }

    /** Entries counted as {@code find DIR -xdev | wc -l} counts them: this one and everything under it. */
    long entryCount() {
        long n = 1;
        for (TempTree c : children) {
            n += c.entryCount();
        }
        return n;
    }

    /** The apparent sizes of the regular files in it. */
    long fileBytes() {
        long n = node.kind() == TempEntry.Kind.FILE ? node.bytes() : 0;
        for (TempTree c : children) {
            n += c.fileBytes();
        }
        return n;
    }
}
