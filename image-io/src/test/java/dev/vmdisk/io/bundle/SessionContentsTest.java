package dev.vmdisk.io.bundle;

import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a session image holds, read from real images: an ext4 made by mke2fs, and a sparse file of zeros. */
class SessionContentsTest {
    @TempDir
    Path dir;

    @Test
    void anExtImageIsCounted() {
        SessionContents c = SessionContents.of(Fixtures.copy("ext4-4k.img", dir));
        assertTrue(c.known(), c.toString());
        assertTrue(c.usedBytes() > 0, c.toString());
    }

    @Test
    void anImageWithoutAFileSystemSaysWhatItHoldsAsAFigureNotAPhrase() {
        SessionContents c = SessionContents.of(Fixtures.emptySparse(dir, "sessiondata.img", 8 << 20));
        assertFalse(c.known(), c.toString());
        assertEquals(new SessionContents(0, 0, 0, "all zeros", ""), c);
    }

    @Test
    void anUnreadableImageKeepsTheErrorsWords() throws Exception {
        Path missing = dir.resolve("none.img");
        SessionContents c = SessionContents.of(missing);
        assertFalse(c.known());
        assertEquals("", c.otherContent());
        assertTrue(c.unreadable().startsWith("cannot read it: "), c.unreadable());
        assertFalse(Files.exists(missing));
    }
}
