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
        skipLdconfig();
        return new LinuxNativeFs(LinuxLibc.INSTANCE);
    }

    /**
     * Without {@code jna.platform.library.path}, JNA's first use on Linux starts {@code /sbin/ldconfig -p}
     * (a child process, on every vmdisk run) to list library directories for names it cannot open as
     * given. vmdisk loads only {@code libc.so.6}, which the dynamic loader finds itself, so the list is
     * not needed; a path set by the caller is kept.
     */
    static void skipLdconfig() {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
    }
}
