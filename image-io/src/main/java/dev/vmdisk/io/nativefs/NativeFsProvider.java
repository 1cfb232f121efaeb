package dev.vmdisk.io.nativefs;

/**
 * Service interface for {@link java.util.ServiceLoader}: each platform module registers one
 * provider in {@code META-INF/services/dev.vmdisk.io.nativefs.NativeFsProvider}.
 */
public interface NativeFsProvider {

    /** Whether this provider is for the OS and architecture vmdisk runs on. Must not touch native code. */
    boolean supportsCurrentPlatform();

    /**
     * Creates the port, binding its native libraries. A missing native piece surfaces here as a
     * {@link LinkageError}, which the loader catches once.
     */
    NativeFs create();
}
