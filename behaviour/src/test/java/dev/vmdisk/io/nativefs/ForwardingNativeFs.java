package dev.vmdisk.io.nativefs;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The real port with every file it opens handed to {@code wrap} (usually a {@link ForwardingNativeFile}
 * that changes one call): tests change one thing the platform does and keep everything else real.
 */
public class ForwardingNativeFs extends DelegatingNativeFs {
    private final NativeFs real;
    private final UnaryOperator<NativeFile> wrap;

    public ForwardingNativeFs(NativeFs real, UnaryOperator<NativeFile> wrap) {
        this.real = real;
        this.wrap = wrap;
    }

    @Override
    protected NativeFs delegate() {
        return real;
    }

    @Override
    public NativeFile open(Path path, Access access) {
        return wrap.apply(real.open(path, access));
    }
}
