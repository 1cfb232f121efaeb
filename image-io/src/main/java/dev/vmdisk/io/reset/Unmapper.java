package dev.vmdisk.io.reset;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Releases a mapping now instead of at some later garbage collection, so a multi-GB base does not
 * stay mapped after a reset. Java 17 offers no public call for that; {@code sun.misc.Unsafe.invokeCleaner}
 * (module jdk.unsupported) does it. Where that is unavailable the mapping is left to the GC.
 */
final class Unmapper {
    private static final MethodHandle INVOKE_CLEANER = find();

    private Unmapper() {
    }

    /** Unmaps {@code mapping}, which must be the buffer {@code map} returned (not a slice) and never used again. */
    static void unmap(ByteBuffer mapping) {
        if (INVOKE_CLEANER == null || !mapping.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact(mapping);
        } catch (Throwable e) {
            // Not fatal: the GC unmaps it later.
        }
    }

    private static MethodHandle find() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a JDK without jdk.unsupported: leave unmapping to the GC
        }
    }
}
