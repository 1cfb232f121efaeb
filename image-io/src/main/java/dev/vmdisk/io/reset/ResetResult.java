package dev.vmdisk.io.reset;

import java.nio.file.Path;
import java.util.List;

/**
 * What a reset did.
 *
 * @param image             the image, now holding the base's content
 * @param base              the base it was rebuilt from
 * @param format            the base's format, as sniffed from its bytes
 * @param frames            zstd frames holding data (0 for other formats)
 * @param checksumVerified  every byte was covered by a checksum in the base, and all matched
 * @param size              the image's length in bytes
 * @param allocated         bytes the file system allocated for it
 * @param dataWritten       bytes written; the all-zero blocks were skipped
 * @param oldKept           where the old image was kept ({@code --keep-old}), else {@code null}
 * @param replacedExisting  whether there was an old image (a missing one is simply created)
 * @param leftoversRemoved  files of an earlier, killed reset that were removed first
 * @param nanos             time taken
 * @param warning           processes that could not be checked for holding the image, or ""
 * @param previousSize      the old image's length, or -1 when there was none
 * @param oldCloned         {@code oldKept} is a clone of the old image (sharing its blocks: APFS, Btrfs, XFS), not
 *                          the old image itself kept by rename
 */
public record ResetResult(Path image, Path base, BaseFormat format, int frames, boolean checksumVerified,
                          long size, long allocated, long dataWritten, Path oldKept, boolean replacedExisting,
                          List<Path> leftoversRemoved, long nanos, String warning, long previousSize,
                          boolean oldCloned) {
    public ResetResult {
        leftoversRemoved = List.copyOf(leftoversRemoved);
    }

    ResetResult withWarning(String warning) {
        return new ResetResult(image, base, format, frames, checksumVerified, size, allocated, dataWritten, oldKept,
                replacedExisting, leftoversRemoved, nanos, warning, previousSize, oldCloned);
    }

    /** Whether the image's size changed ({@code --resize}). */
    public boolean resized() {
        return previousSize >= 0 && previousSize != size;
    }
}
