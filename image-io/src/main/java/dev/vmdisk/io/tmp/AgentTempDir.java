package dev.vmdisk.io.tmp;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A directory an agent keeps temporary files in.
 *
 * @param path      the directory
 * @param agent     whose it is ("Claude Code", "Codex", "Gemini CLI", or "given" for {@code --dir})
 * @param sweepNote why vmdisk only measures it and never sweeps it unless it is named with {@code --dir};
 *                  empty when it may be swept
 */
public record AgentTempDir(Path path, String agent, Optional<String> sweepNote) {

    public static AgentTempDir sweepable(Path path, String agent) {
        return new AgentTempDir(path, agent, Optional.empty());
    }

    public boolean mayBeSwept() {
        return sweepNote.isEmpty();
    }
}
