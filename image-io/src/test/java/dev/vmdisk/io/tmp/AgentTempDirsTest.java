package dev.vmdisk.io.tmp;

import dev.vmdisk.io.RequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentTempDirsTest {
    @TempDir
    Path root;

    @Test
    void findsEachAgentsDirectoryThatExistsAndNothingElse() throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        Path tmpdir = Files.createDirectories(root.resolve("tmpdir"));
        Files.createDirectories(tmpdir.resolve("claude-4242"));
        Files.createDirectories(tmpdir.resolve("claude-1")); // another user's: not looked for
        Path codexHome = Files.createDirectories(root.resolve("codex-home/tmp")).getParent();
        Files.createDirectories(home.resolve(".codex/tmp")); // CODEX_HOME wins over the default
        Files.createDirectories(home.resolve(".gemini/tmp"));

        List<AgentTempDir> found = AgentTempDirs.find(4242, home,
                Map.of("TMPDIR", tmpdir.toString(), "CODEX_HOME", codexHome.toString()));
        assertEquals(List.of(tmpdir.resolve("claude-4242"), codexHome.resolve("tmp"), home.resolve(".gemini/tmp")),
                found.stream().map(AgentTempDir::path).toList());
        assertEquals(List.of("Claude Code", "Codex", "Gemini CLI"), found.stream().map(AgentTempDir::agent).toList());
        assertTrue(found.get(0).mayBeSwept());
        assertFalse(found.get(2).mayBeSwept(), "Gemini's tmp holds chat history: measured only");
    }

    @Test
    void aLinkInPlaceOfADirectoryIsNotFollowed() throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createDirectories(home.resolve(".codex"));
        Files.createSymbolicLink(home.resolve(".codex/tmp"), elsewhere);
        assertEquals(List.of(), AgentTempDirs.find(4242, home, Map.of("TMPDIR", root.resolve("none").toString())).stream()
                .filter(d -> d.path().startsWith(root)).toList());
    }

    @Test
    void givenRefusesWhatReachesFarBeyondTempFiles() {
        Path home = Path.of("/home/someone");
        assertThrows(RequestException.class, () -> AgentTempDirs.given(Path.of("/"), home));
        assertThrows(RequestException.class, () -> AgentTempDirs.given(home, home));
        assertThrows(RequestException.class, () -> AgentTempDirs.given(Path.of("/home"), home));
        assertThrows(RequestException.class, () -> AgentTempDirs.given(Path.of("/etc"), home));
        assertThrows(RequestException.class, () -> AgentTempDirs.given(Path.of("/usr/../var"), home));
        assertEquals(Path.of("/tmp/claude-1000"), AgentTempDirs.given(Path.of("/tmp/./claude-1000"), home).path());
        assertEquals(Path.of("/home/someone/.codex/tmp"), AgentTempDirs.given(Path.of("/home/someone/.codex/tmp"), home).path());
    }
}
