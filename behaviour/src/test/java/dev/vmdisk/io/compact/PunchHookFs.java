package dev.vmdisk.io.compact;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ForwardingNativeFile;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * The real port, except that {@code beforePunch} runs before every hole punch with the punch's number
 * (0, 1, …): lets a test act at an exact point of a compaction. Everything else goes to the real file.
 */
final class PunchHookFs implements NativeFs {
    private final NativeFs real;
    private final IntConsumer beforePunch;
    private int punches;

    PunchHookFs(NativeFs real, IntConsumer beforePunch) {
        this.real = real;
        this.beforePunch = beforePunch;
    }

    @Override
    public String platformName() {
        return real.platformName();
    }

    @Override
    public HolderReport holders(Path path) {
        return real.holders(path);
    }

    @Override
    public NativeFile open(Path path, Access access) {
        return new ForwardingNativeFile(real.open(path, access)) {
            @Override
            public void punchHole(long offset, long length) {
                beforePunch.accept(punches++);
                f.punchHole(offset, length);
            }
        };
    }
}
