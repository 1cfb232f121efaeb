package dev.vmdisk.io.reset;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

/** The decompress-and-write core of a reset, without the port: base in, sparse file out. */
final class Decompress {
    private Decompress() {
    }

    static long toFile(Path base, Path out, int chunkPower, int bufferSize) throws IOException {
        try (BaseReader reader = BaseReader.open(base, chunkPower);
             RandomAccessFile file = new RandomAccessFile(out.toFile(), "rw")) {
            BaseFormat format = BaseFormat.sniff(reader);
            List<ZstdFrame> frames = format == BaseFormat.ZSTD ? ZstdFrames.walk(reader) : List.of();
            try (Decompressor d = switch (format) {
                case ZSTD -> new ZstdDecompressor(reader, frames);
                case RAW -> new RawDecompressor(reader, HoleMap.allData(reader.size()));
                default -> new StreamDecompressor(base, format, true);
            }) {
                SparseWriter w = new SparseWriter(file, 4096, bufferSize);
                OverlappedCopy.copy(d, w, bufferSize, 3, done -> { });
                return w.finish();
            }
        }
    }

    static long toFile(Path base, Path out) throws IOException {
        return toFile(base, out, 12, 8192);
    }
}
