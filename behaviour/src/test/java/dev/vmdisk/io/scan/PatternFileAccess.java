package dev.vmdisk.io.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Lets tests in other packages make {@link PatternFile}s. */
public final class PatternFileAccess {
    private PatternFileAccess() {
    }

    /**
     * A file of {@code size} bytes mixing random data, zero runs of every length around a block,
     * single non-zero bytes in zero blocks, and holes, chosen by {@code seed}.
     */
    public static Path mixed(Path path, long seed, long size) throws IOException {
        Random r = new Random(seed);
        List<PatternFile.Piece> pieces = new ArrayList<>();
        long at = 0;
        PatternFile.Kind[] kinds = PatternFile.Kind.values();
        while (at < size) {
            int len = switch (r.nextInt(4)) {
                case 0 -> 1 + r.nextInt(4096);
                case 1 -> 4096 * (1 + r.nextInt(3)) + r.nextInt(3) - 1;
                default -> 1 + r.nextInt(40_000);
            };
            len = (int) Math.min(len, size - at);
            if (r.nextInt(5) != 0) { // else: leave a hole
                pieces.add(new PatternFile.Piece(at, len, kinds[r.nextInt(kinds.length)]));
            }
            at += len;
        }
        return PatternFile.write(path, size, pieces, seed);
    }
}
