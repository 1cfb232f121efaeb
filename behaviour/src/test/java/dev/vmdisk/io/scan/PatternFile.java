package dev.vmdisk.io.scan;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * A test file made of written pieces over a sparse file, and the zero runs a correct scanner must
 * find in it, computed independently: a block counts when some piece wrote it (so it is allocated)
 * and all its bytes are zero, checked one byte at a time.
 */
final class PatternFile {
    enum Kind { ZERO, RANDOM, ONE_BYTE }

    /** {@code length} bytes at {@code offset}: zeros, random bytes, or zeros with one non-zero byte. */
    record Piece(long offset, int length, Kind kind) {
    }

    private PatternFile() {
    }

    static Path write(Path path, long size, List<Piece> pieces, long seed) throws IOException {
        Random random = new Random(seed);
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(0);
            for (Piece p : pieces) {
                byte[] bytes = new byte[p.length()];
                switch (p.kind()) {
                    case ZERO -> { }
                    case RANDOM -> {
                        random.nextBytes(bytes);
                        bytes[0] |= 1; // a random piece is never all zero
                    }
                    case ONE_BYTE -> bytes[random.nextInt(bytes.length)] = (byte) (1 + random.nextInt(255));
                }
                f.seek(p.offset());
                f.write(bytes);
            }
            f.setLength(size);
        }
        return path;
    }

    /** The expected runs as {@code [start, end]} pairs, coalesced, the last block cut at the file's end. */
    static List<long[]> expectedRuns(Path path, long size, List<Piece> pieces, int block) throws IOException {
        BitSet written = new BitSet();
        for (Piece p : pieces) {
            long end = Math.min(p.offset() + p.length(), size);
            for (long b = p.offset() / block; b * block < end; b++) {
                written.set((int) b);
            }
        }
        List<long[]> runs = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(block);
            for (int b = written.nextSetBit(0); b >= 0; b = written.nextSetBit(b + 1)) {
                long start = (long) b * block;
                long end = Math.min(start + block, size);
                buf.clear().limit((int) (end - start));
                while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
                    // read the whole block
                }
                boolean zero = true;
                for (int i = 0; i < buf.position() && zero; i++) {
                    zero = buf.get(i) == 0;
                }
                if (!zero) {
                    continue;
                }
                long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (last != null && last[1] == start) {
                    last[1] = end;
                } else {
                    runs.add(new long[] {start, end});
                }
            }
        }
        return runs;
    }
}
