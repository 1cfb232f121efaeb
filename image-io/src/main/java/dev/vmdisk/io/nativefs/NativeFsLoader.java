package dev.vmdisk.io.nativefs;

import java.util.ServiceLoader;

/** Chooses the platform port at start-up. */
public final class NativeFsLoader {
    private NativeFsLoader() {
    }

    /**
     * The first registered provider for this platform, or an {@link UnsupportedPlatformFs} that
     * explains why native operations are not available. Never throws for a missing native library.
     */
    public static NativeFs load() {
        String why = "no vmdisk platform module supports " + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        for (NativeFsProvider provider : ServiceLoader.load(NativeFsProvider.class, NativeFsLoader.class.getClassLoader())) {
            if (!provider.supportsCurrentPlatform()) {
                continue;
            }
            try {
                return provider.create();
            } catch (LinkageError e) {
                why = "native access failed (" + e.getMessage() + ")";
            }
        }
        return new UnsupportedPlatformFs(why);
    }
}
