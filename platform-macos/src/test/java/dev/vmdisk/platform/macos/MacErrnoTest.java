package dev.vmdisk.platform.macos;

import dev.vmdisk.io.nativefs.Errno;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** macOS errno numbers land in the right kind, including the ones Linux numbers differently. */
class MacErrnoTest {

    @Test
    void kinds() {
        assertEquals(Errno.Kind.NOT_FOUND, MacErrno.kind(2));
        assertEquals(Errno.Kind.NOT_FOUND, MacErrno.kind(20));
        assertEquals(Errno.Kind.NOT_FOUND, MacErrno.kind(62)); // ELOOP; 40 on Linux
        assertEquals(Errno.Kind.NOT_A_FILE, MacErrno.kind(21));
        assertEquals(Errno.Kind.PERMISSION, MacErrno.kind(1));
        assertEquals(Errno.Kind.PERMISSION, MacErrno.kind(13));
        assertEquals(Errno.Kind.READ_ONLY, MacErrno.kind(30));
        assertEquals(Errno.Kind.NO_SPACE, MacErrno.kind(28));
        assertEquals(Errno.Kind.NO_SPACE, MacErrno.kind(69)); // EDQUOT; 122 on Linux
        assertEquals(Errno.Kind.NOT_SUPPORTED, MacErrno.kind(45)); // ENOTSUP
        assertEquals(Errno.Kind.NOT_SUPPORTED, MacErrno.kind(102)); // EOPNOTSUPP; 95 on Linux
        assertEquals(Errno.Kind.NOT_SUPPORTED, MacErrno.kind(78)); // ENOSYS; 38 on Linux
        assertEquals(Errno.Kind.NOT_SUPPORTED, MacErrno.kind(19)); // ENODEV, as QEMU reads it
        assertEquals(Errno.Kind.OTHER, MacErrno.kind(22));
        assertEquals(Errno.Kind.OTHER, MacErrno.kind(35));
        assertEquals(Errno.Kind.OTHER, MacErrno.kind(95)); // Linux's EOPNOTSUPP is EMULTIHOP here
    }
}
