package dev.vmdisk.platform.linux;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinuxDevTest {
    @Test
    void encodesAsNewEncodeDev() {
        assertEquals(0xfe00, LinuxDev.encode(0xfe, 0));
        assertEquals(0x0801, LinuxDev.encode(8, 1));
        assertEquals(0x12345, LinuxDev.encode(0x123, 0x45));
        assertEquals(0x110323, LinuxDev.encode(0x103, 0x123)); // minor bits above 8 go above the major
    }

    @Test
    void parsesHexPairs() {
        assertEquals(0xfe01, LinuxDev.parseHexPair("fe:01"));
        assertEquals(-1, LinuxDev.parseHexPair("fe01"));
        assertEquals(-1, LinuxDev.parseHexPair(":01"));
        assertEquals(-1, LinuxDev.parseHexPair("fe:"));
        assertEquals(-1, LinuxDev.parseHexPair("g0:00"));
        assertEquals(-1, LinuxDev.parseHexPair("123456789:00"));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "calls Linux statx")
    void statxDeviceMatchesStatAndJava(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Statx st = Statx.of(LinuxLibc.INSTANCE, f);
        assertEquals(Long.parseLong(Tools.run("stat", "-c", "%d", f.toString()).orThrow().stdout().strip()), st.id().device());
        assertEquals(Files.getAttribute(f, "unix:dev"), st.id().device());
        assertEquals(Files.getAttribute(f, "unix:ino"), st.id().inode());
    }
}
