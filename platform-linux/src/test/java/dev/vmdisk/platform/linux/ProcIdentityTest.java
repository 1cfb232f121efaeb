package dev.vmdisk.platform.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcIdentityTest {
    @Test
    void splitsCmdlineOnNul() {
        assertEquals(List.of("runsc-gofer", "--root=/run", ""), ProcIdentity.splitNul("runsc-gofer\0--root=/run\0\0"));
        assertEquals(List.of("a b"), ProcIdentity.splitNul("a b\0"));
        assertEquals(List.of("rewritten title"), ProcIdentity.splitNul("rewritten title")); // no trailing NUL
        assertEquals(List.of(), ProcIdentity.splitNul(""));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "reads Linux /proc")
    void namesThisJvmByItsExecutable() {
        ProcIdentity me = ProcIdentity.of(Path.of("/proc", Long.toString(ProcessHandle.current().pid())));
        assertEquals("java", me.name());
        assertTrue(me.command().contains("java"), me.command());
    }
}
