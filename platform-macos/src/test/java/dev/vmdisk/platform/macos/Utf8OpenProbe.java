package dev.vmdisk.platform.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Run in a child JVM under {@code LC_ALL=C}: opens {@code <dir>/José.img} through this machine's C library,
 * loaded with {@link MacNative#options()} as the macOS bindings are, and prints the descriptor (or -1).
 * The name is built here, not passed in, because argv is decoded as ASCII in that JVM too.
 */
public final class Utf8OpenProbe {
    /** Only {@code open}: the one call whose string argument the probe needs. */
    public interface Libc extends Library {
        int open(String path, int flags);
    }

    private Utf8OpenProbe() {
    }

    public static void main(String[] args) {
        Libc libc = Native.load(Platform.C_LIBRARY_NAME, Libc.class, MacNative.options());
        System.out.println(libc.open(args[0] + "/Jos\u00e9.img", 0));
    }
}
