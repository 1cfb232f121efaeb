package dev.vmdisk.io.compact;

import dev.vmdisk.io.nativefs.NativeFs;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compaction checks holders first; until the Linux port has holders() (branch linux-holders) it cannot run. */
final class HoldersAvailable {
    private HoldersAvailable() {
    }

    static void assume(NativeFs fs, Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "probe", "");
        try {
            fs.holders(probe);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the Linux port's holders() is not built yet (branch linux-holders)");
        } finally {
            Files.delete(probe);
        }
    }
}
