package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.port.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The port's in-place write (pwrite through vmdisk's one descriptor), as prune writes metadata: every byte lands, nothing else moves. */
class NativeFileWriteTest {
    @TempDir
    Path dir;

    @Test
    void writesHeapDirectAndOffsetBuffersExactlyWhereAsked() throws IOException {
        byte[] expected = new byte[64 << 10];
        new Random(5).nextBytes(expected);
        Path f = Files.write(dir.resolve("image"), expected);
        byte[] a = "directory block".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(4096);
        for (int i = 0; i < 4096; i++) {
            direct.put(i, (byte) i);
        }
        ByteBuffer slice = ByteBuffer.wrap(new byte[100]).position(10).limit(30);
        for (int i = 0; i < 100; i++) {
            slice.array()[i] = (byte) (200 + i);
        }
        try (NativeFile file = HostPort.load().open(f, Access.READ_WRITE)) {
            ByteBuffer heap = ByteBuffer.wrap(a);
            file.write(heap, 5);
            assertEquals(a.length, heap.position(), "the source advances by what was written");
            file.write(direct, 8192);
            file.write(slice, (64 << 10) - 20);
            assertEquals(30, slice.position());
            file.sync();
            assertEquals(64 << 10, file.apparentSize(), "a write inside the file never changes its size");
        }
        System.arraycopy(a, 0, expected, 5, a.length);
        for (int i = 0; i < 4096; i++) {
            expected[8192 + i] = (byte) i;
        }
        for (int i = 0; i < 20; i++) {
            expected[(64 << 10) - 20 + i] = (byte) (210 + i);
        }
        assertArrayEquals(expected, Files.readAllBytes(f));
    }
}
