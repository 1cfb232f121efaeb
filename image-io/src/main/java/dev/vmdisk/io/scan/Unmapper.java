package dev.vmdisk.io.scan;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a {@link MappedByteBuffer} now instead of whenever the garbage collector gets to it, through
 * {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported, open to everyone without
 * {@code --add-opens}). Without it, scanning a large image would keep gigabytes of address space
 * and page-cache references alive until a GC. When it is unavailable (a JDK without jdk.unsupported,
 * e.g. a trimmed jlink image, or a security manager refusing reflection), {@link #unmap} does nothing
 * and the mapping is freed by the GC; {@link #unavailableReason()} says why.
 */
public final class Unmapper {
    private static final MethodHandle CLEANER;
    private static final String UNAVAILABLE;

    static {
        MethodHandle handle = null;
        String why = null;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            handle = MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = "sun.misc.Unsafe.invokeCleaner is not accessible (" + e + "); mappings are freed by the GC";
        }
        CLEANER = handle;
        UNAVAILABLE = why;
    }

    private Unmapper() {
    }

    /** Whether {@link #unmap} really unmaps. */
    public static boolean available() {
        return CLEANER != null;
    }

    /** Why unmapping is left to the GC, or {@code null} when it is available. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** Unmaps {@code buffer}. The caller must be its only owner and never touch it (or a slice) again. */
    public static void unmap(MappedByteBuffer buffer) {
        if (CLEANER == null) {
            return;
        }
        try {
            CLEANER.invokeExact((ByteBuffer) buffer);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("unmap failed", t);
        }
    }
}
