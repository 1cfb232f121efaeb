package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.NativeFsProvider;

import java.util.Locale;

/** Registers the Linux port with {@link java.util.ServiceLoader}. */
public final class LinuxNativeFsProvider implements NativeFsProvider {

    @Override
    public boolean supportsCurrentPlatform() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    @Override
    public NativeFs create() {
        return new LinuxNativeFs(LinuxLibc.INSTANCE);
    }
}
