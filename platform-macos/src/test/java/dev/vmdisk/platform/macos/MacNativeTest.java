package dev.vmdisk.platform.macos;

import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import dev.vmdisk.io.nativefs.NativeFsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Symbol choice, lazy binding and registration: what can be checked without a Mac. */
class MacNativeTest {

    @Test
    void x86UsesTheInode64Symbols() {
        for (String arch : List.of("x86_64", "amd64")) {
            assertEquals("fstat$INODE64", MacNative.symbol("fstat", arch));
            assertEquals("stat$INODE64", MacNative.symbol("stat", arch));
            assertEquals("lstat$INODE64", MacNative.symbol("lstat", arch));
            assertEquals("fclonefileat", MacNative.symbol("fclonefileat", arch)); // no struct stat: one symbol
            assertEquals("fstatfs$INODE64", MacNative.symbol("fstatfs", arch));
            assertEquals("fcntl", MacNative.symbol("fcntl", arch));
            assertEquals("lseek", MacNative.symbol("lseek", arch));
        }
    }

    @Test
    void arm64UsesThePlainSymbols() {
        for (String arch : List.of("aarch64", "arm64")) {
            assertEquals("fstat", MacNative.symbol("fstat", arch));
            assertEquals("stat", MacNative.symbol("stat", arch));
            assertEquals("fstatfs", MacNative.symbol("fstatfs", arch));
        }
    }

    @Test
    void theMapperSeesTheBoundMethodNames() throws NoSuchMethodException {
        String arch = System.getProperty("os.arch");
        String expected = arch.equals("amd64") || arch.equals("x86_64") ? "fstatfs$INODE64" : "fstatfs";
        assertEquals(expected, MacNative.SYMBOLS.getFunctionName(null,
                MacLibc.class.getMethod("fstatfs", int.class, com.sun.jna.Pointer.class)));
        assertEquals("fcntl", MacNative.SYMBOLS.getFunctionName(null,
                MacLibc.class.getMethod("fcntl", int.class, int.class, Object[].class)));
    }

    @Test
    void fcntlIsBoundAsVarargs() throws NoSuchMethodException {
        assertTrue(MacLibc.class.getMethod("fcntl", int.class, int.class, Object[].class).isVarArgs());
    }

    @Test
    void loadingEveryClassTouchesNoNativeLibrary() throws ClassNotFoundException {
        // A static Native.load anywhere here would throw on Linux, and fail this test.
        for (String name : List.of("MacLibc", "MacLibproc", "MacNative", "MacErrno", "MacStat", "MacStatfs",
                "Fpunchhole", "Flock", "ProcFdInfo", "VnodeFdInfoWithPath", "MacHolders", "MacNativeFile",
                "MacNativeFs", "MacNativeFsProvider", "CStrings")) {
            Class.forName("dev.vmdisk.platform.macos." + name, true, getClass().getClassLoader());
        }
    }

    @Test
    void providerIsRegistered() {
        assertTrue(ServiceLoader.load(NativeFsProvider.class).stream()
                .anyMatch(p -> p.type() == MacNativeFsProvider.class));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void providerDeclinesLinux() {
        assertFalse(new MacNativeFsProvider().supportsCurrentPlatform());
        NativeFs fs = NativeFsLoader.load(); // only this module's provider is on the test class path
        assertTrue(fs.platformName().startsWith("unsupported"), fs.platformName());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void createFailsAsLinkageErrorWhereThereIsNoLibSystem() {
        assertThrows(LinkageError.class, () -> new MacNativeFsProvider().create());
    }

    @Test
    @EnabledOnOs(OS.MAC)
    void providerAcceptsMac() {
        assertTrue(new MacNativeFsProvider().supportsCurrentPlatform());
        assertEquals("macos", NativeFsLoader.load().platformName());
    }
}
