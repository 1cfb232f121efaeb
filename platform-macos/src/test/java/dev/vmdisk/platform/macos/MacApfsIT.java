package dev.vmdisk.platform.macos;

import dev.vmdisk.io.compact.CompactResult;
import dev.vmdisk.io.compact.ZeroCompactor;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.reset.ImageReset;
import dev.vmdisk.io.reset.ResetProgress;
import dev.vmdisk.io.reset.ResetRequest;
import dev.vmdisk.io.scan.ScanProgress;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only APFS can show: punches in whole blocks and never past the end, a cloned image ({@code cp -c})
 * compacted without touching its clone, and a reset whose new image stays sparse. macOS only, and only on
 * an APFS volume (the runner's temporary folder is one); written without a Mac to run it on, so the first
 * run of the macOS job is its first run.
 */
@EnabledOnOs(OS.MAC)
class MacApfsIT {
    static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    NativeFs fs;
    long block;

    @BeforeEach
    void onApfs() throws IOException {
        fs = new MacNativeFsProvider().create();
        Path probe = Files.createFile(dir.resolve("probe"));
        try (NativeFile f = fs.open(probe, Access.READ_ONLY)) {
            block = f.fsBlockSize();
        }
        String type = Files.getFileStore(dir).type();
        Assumptions.assumeTrue(type.equals("apfs"), "the temporary folder is on " + type + ", not APFS; these tests are APFS's");
    }

    static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A punch the compactor rounded up past the end of a file with a partial last block: cut, never refused. */
    @Test
    void aPunchPastTheEndStopsAtTheLastWholeBlock() throws IOException {
        Path p = dir.resolve("tail.img");
        byte[] data = random((int) (3 * block + 1000), 1);
        Files.write(p, data);
        try (NativeFile f = fs.open(p, Access.READ_WRITE)) {
            f.punchHole(block, 3 * block); // to the rounded-up end, past EOF
            f.sync();
            assertEquals(data.length, f.apparentSize(), "punching keeps the size");
        }
        byte[] expected = data.clone();
        Arrays.fill(expected, (int) block, (int) (3 * block), (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(p), "two whole blocks punched, the partial tail kept");
    }

    /** Compacting an image that has a clone (cp -c) changes neither's content; the image's allocation drops. */
    @Test
    void aClonedImageIsCompactedAndItsCloneKeepsItsBytes() throws IOException {
        Path p = dir.resolve("rootfs.img");
        byte[] data = new byte[(int) (32 * MIB)];
        System.arraycopy(random((int) MIB, 2), 0, data, 0, (int) MIB); // 1 MiB of data, 31 MiB of written zeros
        Files.write(p, data);
        Path clone = dir.resolve("clone.img");
        Tools.run("cp", "-c", p.toString(), clone.toString()).orThrow();
        CompactResult r = new ZeroCompactor(fs).compact(p, false, ScanProgress.NONE);
        assertTrue(r.allocatedAfter() < r.allocatedBefore() / 4, r.allocatedBefore() + " -> " + r.allocatedAfter());
        assertArrayEquals(data, Files.readAllBytes(p));
        assertArrayEquals(data, Files.readAllBytes(clone), "the clone is another file: never changed");
        System.err.println("MacApfsIT: clone compacted: file " + r.allocatedBefore() + " -> " + r.allocatedAfter()
                + " bytes allocated; the clone still shares the old blocks, so the volume need not gain that much");
    }

    /** A reset from a raw base with 2 MiB of data in 64 MiB stays sparse: APFS did not fill the gaps. */
    @Test
    void aResetImageStaysSparse() throws IOException {
        Path base = dir.resolve("base.img");
        try (RandomAccessFile f = new RandomAccessFile(base.toFile(), "rw")) {
            f.setLength(64 * MIB);
            f.seek(0);
            f.write(random((int) MIB, 3));
            f.seek(40 * MIB);
            f.write(random((int) MIB, 4));
        }
        Path image = dir.resolve("sessiondata.img");
        Files.write(image, new byte[4096]);
        new ImageReset(fs).run(new ResetRequest(image, base, false, true, true), ResetProgress.NONE);
        assertArrayEquals(Files.readAllBytes(base), Files.readAllBytes(image));
        long allocated = Tools.allocatedBytes(image);
        assertTrue(allocated <= 4 * MIB, "the reset image allocates " + allocated + " bytes for 2 MiB of data");
    }
}
