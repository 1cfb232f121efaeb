package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.SessionContents;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What reset --sessions says it loses, from the figures SessionContents read (SessionContentsTest reads real images). */
class BundleResetReportTest {
    @Test
    void sessionDirectoriesCounted() {
        assertEquals("2 session directories (3.0 MiB) the guest kept in /sessions",
                BundleResetReport.lost(new SessionContents(2, 3 << 20, 4 << 20, "", "")));
        assertEquals("1 session directory (0 B) the guest kept in /sessions",
                BundleResetReport.lost(new SessionContents(1, 0, 0, "", "")));
    }

    @Test
    void anImageWithoutAFileSystemIsWordedHere() {
        SessionContents zeros = new SessionContents(0, 0, 0, "all zeros", "");
        assertEquals("whatever the guest kept in /sessions (vmdisk could not read it: it holds all zeros, no ext2/3/4 file system)",
                BundleResetReport.lost(zeros));
        assertEquals("it holds all zeros, no ext2/3/4 file system", BundleResetReport.sessionsMap(zeros).get("unreadable"));
        assertEquals("whatever the guest kept in /sessions (vmdisk could not read it: cannot read it: gone)",
                BundleResetReport.lost(new SessionContents(0, 0, 0, "", "cannot read it: gone")));
    }
}
