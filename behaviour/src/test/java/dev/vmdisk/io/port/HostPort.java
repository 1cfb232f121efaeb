package dev.vmdisk.io.port;

import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import dev.vmdisk.io.nativefs.UnsupportedPlatformFs;

/**
 * The platform port of the machine the tests run on, found as vmdisk itself finds it (through
 * {@link NativeFsLoader}), so the behaviour suite runs unchanged on Linux and on macOS. On a machine no
 * port supports the suite fails loudly with the loader's reason instead of passing with nothing tested.
 */
public final class HostPort {
    private HostPort() {
    }

    public static NativeFs load() {
        NativeFs fs = NativeFsLoader.load();
        if (fs instanceof UnsupportedPlatformFs) {
            throw new AssertionError("the behaviour suite needs a platform port, and this machine has none: " + fs.platformName());
        }
        return fs;
    }
}
