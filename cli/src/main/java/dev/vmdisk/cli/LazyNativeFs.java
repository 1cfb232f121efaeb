package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.DelegatingNativeFs;
import dev.vmdisk.io.nativefs.NativeFs;

import java.util.function.Supplier;

/**
 * The platform port, loaded on first use: {@code --version}, {@code --help} and usage errors never
 * load JNA and its native library, which is most of a short command's start-up time.
 */
final class LazyNativeFs extends DelegatingNativeFs {
    private final Supplier<NativeFs> loader;
    private NativeFs loaded;

    LazyNativeFs(Supplier<NativeFs> loader) {
        this.loader = loader;
    }

    @Override
    protected synchronized NativeFs delegate() {
        if (loaded == null) {
            loaded = loader.get();
        }
        return loaded;
    }

    /** Loads the port now, e.g. on another thread; a failure is left for the first real use to report. */
    void preload() {
        try {
            delegate();
        } catch (RuntimeException | LinkageError e) {
            // the command's first use loads again and reports it
        }
    }
}
