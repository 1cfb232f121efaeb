package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.EnvironmentException;

import java.nio.file.Path;

/**
 * The port on a platform vmdisk has no native module for. Every native operation fails with one
 * line naming the reason and the remedy, so commands fail where they need the OS and nowhere else.
 */
public final class UnsupportedPlatformFs implements NativeFs {
    private final String reason;

    public UnsupportedPlatformFs(String reason) {
        this.reason = reason;
    }

    @Override
    public String platformName() {
        return "unsupported (" + reason + ")";
    }

    @Override
    public NativeFile open(Path path, Access access) {
        throw refusal(path);
    }

    @Override
    public HolderReport holders(Path path) {
        throw refusal(path);
    }

    private EnvironmentException refusal(Path path) {
        return new EnvironmentException(path + ": " + reason + "; vmdisk needs Linux or macOS for this");
    }
}
