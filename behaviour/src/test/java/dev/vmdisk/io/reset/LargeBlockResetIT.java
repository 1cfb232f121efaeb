package dev.vmdisk.io.reset;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ForwardingNativeFile;
import dev.vmdisk.io.nativefs.ForwardingNativeFs;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.port.HostPort;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reset's buffers are smaller than the largest file system block it writes holes in (256 KiB against up
 * to 1 MiB, as a network file system may report), and every buffer but the last must hold whole blocks:
 * on a volume that says its block is 1 MiB the buffers grow to it, and the image comes out byte for
 * byte what the base holds, with a hole where a whole 1 MiB of zeros was and data everywhere else.
 * The real port and file, with only the block size the volume reports changed.
 */
class LargeBlockResetIT {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aOneMebibyteBlockGetsBuffersOfWholeBlocks() throws Exception {
        Tools.require("zstd");
        Path golden = dir.resolve("golden.img");
        byte[] data = new byte[MIB + 4096];
        new Random(3).nextBytes(data);
        try (RandomAccessFile f = new RandomAccessFile(golden.toFile(), "rw")) {
            f.setLength(8L * MIB);
            f.write(data);                 // data across the first 1 MiB block into the second
            f.seek(5L * MIB - 7);
            f.write(data, 0, 14);          // a few bytes on both sides of the 5 MiB boundary
        }
        Path base = dir.resolve("golden.img.zst");
        Tools.run("zstd", "-q", "-f", golden.toString(), "-o", base.toString()).orThrow();
        NativeFs real = HostPort.load();
        NativeFs bigBlocks = new ForwardingNativeFs(real, file -> new ForwardingNativeFile(file) {
            @Override
            public int fsBlockSize() {
                return MIB;
            }
        });
        Path image = dir.resolve("new.img");
        new ImageReset(bigBlocks, BaseReader.DEFAULT_CHUNK_POWER, 256 << 10, 4)
                .run(new ResetRequest(image, base, false, false, true), ResetProgress.NONE);
        assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(image));
        try (NativeFile f = real.open(image, Access.READ_ONLY)) {
            // Blocks 0-1 and 4-5 of 1 MiB hold data; 2-3 and 6-7 are zeros, so holes.
            assertEquals(0, f.nextData(0));
            assertEquals(2L * MIB, f.nextHole(0));
            assertEquals(4L * MIB, f.nextData(2L * MIB));
            assertEquals(6L * MIB, f.nextHole(4L * MIB));
        }
    }
}
