package dev.vmdisk.io.tmp;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent temp directories of one user that exist, each from where its agent's own source puts it:
 * <ul>
 *   <li>Claude Code: {@code TMPDIR=/tmp/claude-UID} for the commands it runs, never cleaned; also
 *       {@code claude-UID} under the user's own {@code $TMPDIR}.</li>
 *   <li>Codex CLI: {@code $CODEX_HOME/tmp} (default {@code ~/.codex/tmp}): per-session {@code path2/codex-arg0*}
 *       directories of helper links with a {@code .lock} Codex holds while the session runs
 *       (openai/codex, {@code codex-rs/arg0/src/lib.rs}).</li>
 *   <li>Gemini CLI: {@code ~/.gemini/tmp} (google-gemini/gemini-cli, {@code Storage.getGlobalTempDir()}).
 *       Despite the name it keeps each project's chat history, checkpoints and shell history, so vmdisk
 *       measures it and sweeps it only when named with {@code --dir}.</li>
 * </ul>
 * Nothing else is guessed at. A path that is a symbolic link is not followed.
 */
public final class AgentTempDirs {
    static final String GEMINI_NOTE = "holds Gemini CLI's chat history, checkpoints and shell history, not only scratch files: "
            + "measured, never swept unless named with --dir";

    private AgentTempDirs() {
    }

    /** Whether this OS has agent temp directories vmdisk looks for (Linux and other Unix, not macOS or Windows). */
    public static boolean looksHereOn(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        return !os.startsWith("mac") && !os.startsWith("windows");
    }

    /**
     * The candidates that exist as real directories, without duplicates, for user {@code uid} with home
     * {@code home} and environment {@code env} ({@code TMPDIR}, {@code CODEX_HOME}).
     */
    public static List<AgentTempDir> find(int uid, Path home, Map<String, String> env) {
        List<AgentTempDir> candidates = new ArrayList<>();
        String claude = "claude-" + uid;
        candidates.add(AgentTempDir.sweepable(Path.of("/tmp", claude), "Claude Code"));
        nonEmpty(env.get("TMPDIR")).ifPresent(t -> candidates.add(AgentTempDir.sweepable(Path.of(t, claude), "Claude Code")));
        Path codexHome = nonEmpty(env.get("CODEX_HOME")).map(Path::of).orElse(home.resolve(".codex"));
        candidates.add(AgentTempDir.sweepable(codexHome.resolve("tmp"), "Codex"));
        candidates.add(new AgentTempDir(home.resolve(".gemini").resolve("tmp"), "Gemini CLI", Optional.of(GEMINI_NOTE)));

        List<AgentTempDir> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (AgentTempDir d : candidates) {
            Path p = d.path().toAbsolutePath().normalize();
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && seen.add(p)) {
                found.add(new AgentTempDir(p, d.agent(), d.sweepNote()));
            }
        }
        return found;
    }

    /**
     * A directory named with {@code --dir}, refused when sweeping it could reach far beyond temp files:
     * the root directory, the home directory or one of its ancestors, or a top-level system directory.
     */
    public static AgentTempDir given(Path dir, Path home) {
        Path abs = dir.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        boolean system = abs.getNameCount() == 1 && SYSTEM_DIRS.contains(abs.getFileName().toString());
        if (abs.getParent() == null || h.startsWith(abs) || system) {
            throw new dev.vmdisk.io.RequestException(dir + ": refusing to sweep " + (abs.getParent() == null ? "the root directory"
                    : h.startsWith(abs) ? "the home directory or one above it" : "a system directory")
                    + "; name an agent's temp directory (for example /tmp/claude-UID)");
        }
        return AgentTempDir.sweepable(abs, "given");
    }

    private static final Set<String> SYSTEM_DIRS = Set.of("bin", "boot", "dev", "etc", "lib", "lib32", "lib64", "opt",
            "proc", "root", "run", "sbin", "srv", "sys", "usr", "var", "home", "Users", "Library", "System", "Applications");

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
