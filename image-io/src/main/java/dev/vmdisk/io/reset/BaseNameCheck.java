package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;

import java.nio.file.Path;

/**
 * A base whose name claims one compression format and whose bytes hold another (a gzip file named
 * {@code .zst}) was made or renamed by mistake: reset refuses it rather than guess which is right.
 */
final class BaseNameCheck {
    private BaseNameCheck() {
    }

    /** @param sniffed the format told from the base's bytes */
    static void check(Path base, BaseFormat sniffed) {
        BaseFormat claimed = BaseFormat.claimedByName(base.getFileName().toString());
        if (claimed == BaseFormat.RAW || claimed == sniffed) {
            return; // a name without a compression extension claims nothing
        }
        String holds = sniffed == BaseFormat.RAW ? "no " + claimed.word() + " data (no known compression format)"
                : sniffed.word() + " data";
        throw new BadInputException(base + ": named like " + claimed.word() + " but holds " + holds
                + "; the base is corrupt or misnamed (re-download or re-create it, or rename it to match its format)");
    }
}
