package dev.vmdisk.io.compact;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.DataExtents;
import dev.vmdisk.io.scan.Extent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Asserts two files read the same, reading only where either has data: outside both files' data
 * extents both read as zeros. For multi-GiB sparse files, where hashing every byte would be slow.
 */
final class SameContent {
    private SameContent() {
    }

    static void assertSame(NativeFs fs, Path a, Path b) throws IOException {
        try (NativeFile fa = fs.open(a, Access.READ_ONLY); NativeFile fb = fs.open(b, Access.READ_ONLY);
             FileChannel ca = FileChannel.open(a, StandardOpenOption.READ);
             FileChannel cb = FileChannel.open(b, StandardOpenOption.READ)) {
            assertEquals(fa.apparentSize(), fb.apparentSize(), "sizes differ");
            for (Extent e : DataExtents.of(fa)) {
                compare(ca, cb, e, a, b);
            }
            for (Extent e : DataExtents.of(fb)) {
                compare(ca, cb, e, a, b);
            }
        }
    }

    private static void compare(FileChannel ca, FileChannel cb, Extent e, Path a, Path b) throws IOException {
        ByteBuffer ba = ByteBuffer.allocate(1 << 20);
        ByteBuffer bb = ByteBuffer.allocate(1 << 20);
        for (long at = e.offset(); at < e.end(); at += ba.capacity()) {
            int len = (int) Math.min(ba.capacity(), e.end() - at);
            read(ca, ba, at, len);
            read(cb, bb, at, len);
            int m = ba.mismatch(bb);
            if (m >= 0) {
                throw new AssertionError(a + " and " + b + " differ at byte " + (at + m));
            }
        }
    }

    private static void read(FileChannel c, ByteBuffer buf, long at, int len) throws IOException {
        buf.clear().limit(len);
        while (buf.hasRemaining()) {
            if (c.read(buf, at + buf.position()) < 0) {
                throw new AssertionError("short read at " + at);
            }
        }
        buf.flip();
    }
}
