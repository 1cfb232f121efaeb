package dev.vmdisk.platform.linux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The port sets JNA's platform path (so JNA starts no ldconfig) only when the caller has not. */
class SkipLdconfigTest {
    private static final String KEY = "jna.platform.library.path";

    @Test
    void anUnsetPathBecomesEmptyAndACallersPathIsKept() {
        String before = System.getProperty(KEY);
        try {
            System.clearProperty(KEY);
            LinuxNativeFsProvider.skipLdconfig();
            assertEquals("", System.getProperty(KEY));
            System.setProperty(KEY, "/opt/lib");
            LinuxNativeFsProvider.skipLdconfig();
            assertEquals("/opt/lib", System.getProperty(KEY));
        } finally {
            if (before == null) {
                System.clearProperty(KEY);
            } else {
                System.setProperty(KEY, before);
            }
        }
    }
}
