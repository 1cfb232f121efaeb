package dev.vmdisk.cli;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.file.Path;

/**
 * Refuses an image that an inode flag keeps from being written ({@code chattr +i}, {@code chflags uchg}),
 * naming the flag, before compact or reset try: otherwise the refusal reads as a read-only mount or
 * another user's file.
 */
final class WriteLocked {
    private WriteLocked() {
    }

    /** @throws EnvironmentException the image carries such a flag (exit 5); nothing was changed */
    static void refuse(NativeFs fs, Path image) {
        fs.writeLockFlag(image).ifPresent(why -> {
            throw new EnvironmentException(image + ": " + why + "; nothing was changed");
        });
    }
}
