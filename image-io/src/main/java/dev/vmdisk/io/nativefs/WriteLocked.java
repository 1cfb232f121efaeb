package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.EnvironmentException;

import java.nio.file.Path;

/**
 * Refuses an image that an inode flag keeps from being written ({@code chattr +i}, {@code chflags uchg}),
 * naming the flag, before compact or reset try: otherwise the refusal reads as a read-only mount or
 * another user's file.
 */
public final class WriteLocked {
    private WriteLocked() {
    }

    /** @throws EnvironmentException the image carries such a flag (exit 5); nothing was changed */
    public static void refuse(NativeFs fs, Path image) {
        fs.writeLockFlag(image).ifPresent(why -> {
            throw new EnvironmentException(image + ": " + why + "; nothing was changed");
        });
    }
}
