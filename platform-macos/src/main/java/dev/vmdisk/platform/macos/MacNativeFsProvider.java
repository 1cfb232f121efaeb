package dev.vmdisk.platform.macos;

import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.NativeFsProvider;

/** Registers the macOS port with {@link java.util.ServiceLoader}. */
public final class MacNativeFsProvider implements NativeFsProvider {

    @Override
    public boolean supportsCurrentPlatform() {
        return System.getProperty("os.name", "").startsWith("Mac");
    }

    /** Loads libSystem here and nowhere earlier; on another OS this throws {@link UnsatisfiedLinkError}. */
    @Override
    public NativeFs create() {
        return new MacNativeFs(MacNative.libc(), MacNative.libproc());
    }
}
