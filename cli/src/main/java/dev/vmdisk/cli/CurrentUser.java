package dev.vmdisk.cli;

import com.sun.security.auth.module.UnixSystem;

/** The user vmdisk runs as, from the JDK's own {@code getuid} (jdk.security.auth), no native port needed. */
final class CurrentUser {
    private CurrentUser() {
    }

    /** The real user id; -1 where the OS has none (Windows). */
    static int uid() {
        try {
            return (int) new UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
