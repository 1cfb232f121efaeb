package dev.vmdisk.io.compact;

import dev.vmdisk.io.nativefs.ForwardingNativeFile;
import dev.vmdisk.io.nativefs.ForwardingNativeFs;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * The real port, except that {@code beforePunch} runs before every hole punch with the punch's number
 * (0, 1, …): lets a test act at an exact point of a compaction. Everything else goes to the real file.
 */
final class PunchHookFs extends ForwardingNativeFs {
    PunchHookFs(NativeFs real, IntConsumer beforePunch) {
        super(real, hooked(beforePunch));
    }

    /** Files whose punches go through {@code beforePunch}, numbered across every file this port opens. */
    private static UnaryOperator<NativeFile> hooked(IntConsumer beforePunch) {
        int[] punches = {0};
        return file -> new ForwardingNativeFile(file) {
            @Override
            public void punchHole(long offset, long length) {
                beforePunch.accept(punches[0]++);
                f.punchHole(offset, length);
            }
        };
    }
}
