package dev.vmdisk.io.compact;

import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.scan.ScanProgress;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sends each image to the compactor for its format: an ASIF file (magic {@code shdw}) to {@link AsifCompactor},
 * anything else to the raw one. The magic is peeked before the guarded open; the ASIF compactor reads and
 * checks the file again through its own descriptor, and the raw one on a file that turned into ASIF
 * meanwhile finds no guest file system to trim (its content is ASIF), so a race cannot mix the two up.
 */
public final class ByFormat implements Compactor {
    private final Compactor raw;
    private final Compactor asif;

    public ByFormat(Compactor raw, Compactor asif) {
        this.raw = raw;
        this.asif = asif;
    }

    @Override
    public CompactResult compact(Path image, boolean dryRun, long minReclaim, ScanProgress progress) {
        return (isAsif(image) ? asif : raw).compact(image, dryRun, minReclaim, progress);
    }

    /** Whether {@code path} is a readable regular file starting with the ASIF magic; false when it cannot be told (the compactor then says why). */
    public static boolean isAsif(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return AsifImage.isAsif(ch);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
