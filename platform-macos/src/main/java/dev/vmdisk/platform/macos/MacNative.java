package dev.vmdisk.platform.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Loads libSystem for {@link MacLibc} and {@link MacLibproc}. Nothing here runs until {@link MacNativeFsProvider#create()}. */
final class MacNative {
    /** libSystem.B.dylib, which re-exports libc, libproc and the system calls. */
    static final String LIBRARY = "System";

    /** The functions whose struct layout changed with 64-bit inodes. */
    static final Set<String> INODE64_FUNCTIONS = Set.of("fstat", "stat", "lstat", "fstatfs");

    /** Picks the 64-bit-inode symbol on x86_64; see {@link #symbol}. */
    static final com.sun.jna.FunctionMapper SYMBOLS =
            (library, method) -> symbol(method.getName(), System.getProperty("os.arch", ""));

    private MacNative() {
    }

    /**
     * The C symbol for {@code function} on {@code arch}. On x86_64 the plain {@code fstat}, {@code stat}
     * and {@code fstatfs} keep the old 32-bit-inode layouts; the layouts vmdisk decodes
     * ({@link MacStat}, {@link MacStatfs}) are behind {@code name$INODE64}
     * (sys/cdefs.h {@code __DARWIN_SUF_64_BIT_INO_T}). arm64 has only the 64-bit layouts, under the plain names.
     */
    static String symbol(String function, String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        boolean x86 = a.equals("x86_64") || a.equals("amd64");
        return x86 && INODE64_FUNCTIONS.contains(function) ? function + "$INODE64" : function;
    }

    /**
     * How every libSystem binding is loaded: strings as UTF-8, since macOS file names are UTF-8 and JNA would
     * otherwise encode them with {@code native.encoding}, which is ASCII under {@code LC_ALL=C} (a launchd
     * job, a CI shell): {@code /Users/José/…} would reach {@code open(2)} as {@code /Users/Jos?/…} and be "not
     * found". Plus the symbol mapper of {@link #symbol}.
     */
    static Map<String, Object> options() {
        return Map.of(Library.OPTION_FUNCTION_MAPPER, SYMBOLS, Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name());
    }

    static MacLibc libc() {
        return Native.load(LIBRARY, MacLibc.class, options());
    }

    static MacLibproc libproc() {
        return Native.load(LIBRARY, MacLibproc.class, options());
    }
}
