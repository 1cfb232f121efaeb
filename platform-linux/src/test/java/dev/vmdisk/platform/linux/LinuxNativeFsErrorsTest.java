package dev.vmdisk.platform.linux;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.FailureKind;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each native failure is one line naming the path, the call and the errno's meaning, with the right exit code. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "calls Linux glibc")
class LinuxNativeFsErrorsTest {
    private final LinuxNativeFs fs = new LinuxNativeFs(LinuxLibc.INSTANCE);

    @TempDir
    Path dir;

    private static <T extends VmdiskException> T fails(Class<T> type, FailureKind kind, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(kind, e.kind());
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        return e;
    }

    @Test
    void missingFileIsBadInput() {
        Path missing = dir.resolve("missing.img");
        fails(BadInputException.class, FailureKind.BAD_INPUT, missing + ": open: No such file or directory",
                () -> fs.open(missing, Access.READ_ONLY));
        fails(BadInputException.class, FailureKind.BAD_INPUT, missing + ": statx: No such file or directory",
                () -> fs.holders(missing));
    }

    @Test
    void aDirectoryIsBadInput() {
        fails(BadInputException.class, FailureKind.BAD_INPUT, dir + ": open: is a directory, not an image file",
                () -> fs.open(dir, Access.READ_ONLY));
        fails(BadInputException.class, FailureKind.BAD_INPUT, dir + ": open: Is a directory",
                () -> fs.open(dir, Access.READ_WRITE));
    }

    @Test
    void aCharacterDeviceIsBadInput() {
        Path devNull = Path.of("/dev/null");
        fails(BadInputException.class, FailureKind.BAD_INPUT, "/dev/null: open: not a regular file",
                () -> fs.open(devNull, Access.READ_ONLY));
    }

    @Test
    void aFileInsideAFileIsBadInput() throws Exception {
        Path file = Files.write(dir.resolve("file"), new byte[1]);
        fails(BadInputException.class, FailureKind.BAD_INPUT, file.resolve("x") + ": open: Not a directory",
                () -> fs.open(file.resolve("x"), Access.READ_ONLY));
    }

    @Test
    void writingThroughAReadOnlyDescriptorIsEnvironment() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[8192]);
        try (NativeFile file = fs.open(f, Access.READ_ONLY)) {
            fails(EnvironmentException.class, FailureKind.ENVIRONMENT, f + ": fallocate(PUNCH_HOLE) at 0: Bad file descriptor"
                            + " (the file was opened read-only; this needs it opened for writing)",
                    () -> file.punchHole(0, 4096));
        }
    }
}
