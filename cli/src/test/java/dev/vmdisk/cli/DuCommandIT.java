package dev.vmdisk.cli;

import dev.vmdisk.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuCommandIT {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run vmdisk(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        CliRun.checkJson(out.toString(), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsDirectoriesChildrenFirst() {
        Path image = Fixtures.copy("ext4-4k.img", dir);
        Run r = vmdisk("du", image.toString(), "/home", "--depth", "2");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].endsWith("  /home/user/docs"), r.out());
        assertTrue(lines[1].endsWith("  /home/user"), r.out());
        assertTrue(lines[2].matches("\\s+1\\.[0-9]M  /home"), r.out());
    }

    @Test
    void topAndJson() {
        Path image = Fixtures.copy("ext3-1k.img", dir);
        Run r = vmdisk("du", image.toString(), "--depth", "-1", "--top", "2", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"guestPath\": \"/\""), r.out());
        assertTrue(r.out().contains("\"directories\": ["), r.out());
        assertEquals(2, r.out().split("\"depth\"").length - 1, r.out());
    }

    @Test
    void badInputAndUsageExitCodes() {
        Path image = Fixtures.emptySparse(dir, "blank.img", 1 << 20);
        Run r = vmdisk("du", image.toString());
        assertEquals(4, r.code());
        assertTrue(r.err().startsWith("vmdisk: " + image + ": no ext2/3/4 file system in the image (it holds empty"), r.err());
        assertEquals(1, r.err().lines().count());
        assertEquals(4, vmdisk("du", dir.resolve("missing.img").toString()).code());
        assertEquals(2, vmdisk("du", image.toString(), "--top", "0").code());
        Path fixture = Fixtures.copy("ext2-1k.img", dir);
        Run missing = vmdisk("du", fixture.toString(), "/nope");
        assertEquals(4, missing.code());
        assertTrue(missing.err().contains("no /nope"), missing.err());
    }
}
