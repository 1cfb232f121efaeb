package dev.vmdisk.platform.macos;

import dev.vmdisk.io.nativefs.Errno;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(Errno.Kind.NOT_SUPPORTED, MacErrno.kind(25)); // ENOTTY, HFS+'s answer to F_PUNCHHOLE
        assertEquals(Errno.Kind.OTHER, MacErrno.kind(22));
        assertEquals(Errno.Kind.OTHER, MacErrno.kind(35));
        assertEquals(Errno.Kind.OTHER, MacErrno.kind(95)); // Linux's EOPNOTSUPP is EMULTIHOP here
    }

    /** HFS+ answers F_PUNCHHOLE with ENOTTY: the user reads that the file system cannot do it, not "Inappropriate ioctl". */
    @Test
    void enottyIsAFileSystemThatCannotDoIt() {
        String m = MacErrno.failure(Path.of("rootfs.img"), "fcntl(F_PUNCHHOLE)", 25, "Inappropriate ioctl for device").getMessage();
        assertEquals("rootfs.img: fcntl(F_PUNCHHOLE): Inappropriate ioctl for device (this file system cannot do that)", m);
    }

    /** EPERM on macOS names privacy protection and the immutable flag; "run as root" would not help with either. */
    @Test
    void epermNamesPrivacyProtectionAndTheImmutableFlag() {
        String m = MacErrno.failure(Path.of("rootfs.img"), "open", 1, "Operation not permitted").getMessage();
        assertTrue(m.startsWith("rootfs.img: open: Operation not permitted (on macOS this is usually privacy protection"), m);
        assertTrue(m.contains("Full Disk Access") && m.contains("chflags nouchg"), m);
        assertFalse(m.contains("as root"), m);
        // EACCES is still about permissions, where the owner or root can help.
        assertTrue(MacErrno.failure(Path.of("rootfs.img"), "open", 13, "Permission denied").getMessage()
                .endsWith("(run as the image's owner, or as root)"));
    }
}
