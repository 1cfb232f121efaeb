package dev.vmdisk.io.doctor;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountTest {
    /** Lines as a kernel writes them: a private namespace where a unit's ProtectSystem=full bound /etc read-only. */
    static final String MOUNTINFO = """
            22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
            23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
            41 22 254:1 /etc /etc ro,relatime shared:1 - ext4 /dev/vda1 rw
            42 22 0:35 / /tmp rw,nosuid,nodev master:20 - tmpfs tmpfs rw,size=1024k,usrquota
            43 22 254:2 / /home/a\\040b rw,relatime - ext4 /dev/vda2 ro
            44 41 0:36 / /etc/sub rw - tmpfs tmpfs rw
            """;

    @Test
    void parsesPerMountAndSuperBlockReadOnly() {
        List<Mount> mounts = Mount.parseAll(MOUNTINFO);
        assertEquals(6, mounts.size());
        assertTrue(mounts.get(2).readOnly(), "ro in the per-mount options");
        assertTrue(mounts.get(4).readOnly(), "ro in the super-block options");
        assertFalse(mounts.get(3).readOnly());
        assertEquals(Path.of("/home/a b"), mounts.get(4).mountPoint(), "\\040 is a space");
        assertEquals("tmpfs", mounts.get(3).type());
    }

    @Test
    void theCoveringMountIsTheDeepestOneAbove() {
        List<Mount> mounts = Mount.parseAll(MOUNTINFO);
        assertEquals(Path.of("/etc"), Mount.covering(mounts, Path.of("/etc")).orElseThrow().mountPoint());
        assertEquals(Path.of("/etc/sub"), Mount.covering(mounts, Path.of("/etc/sub/x")).orElseThrow().mountPoint());
        assertEquals(Path.of("/"), Mount.covering(mounts, Path.of("/etcetera")).orElseThrow().mountPoint(), "a path component, not a prefix");
        assertEquals(Path.of("/"), Mount.covering(mounts, Path.of("/usr")).orElseThrow().mountPoint());
    }

    @Test
    void linesThatAreNotMountinfoAreSkipped() {
        assertEquals(Optional.empty(), Mount.parse("garbage"));
        assertEquals(Optional.empty(), Mount.parse("1 2 3 4 5 6 7 8"));
        assertEquals(Optional.empty(), Mount.parse(""));
    }

    @Test
    void unitFromCgroup() {
        assertEquals(Optional.of(new SystemdUnit("claude-agent.service", false)),
                SystemdUnit.fromCgroup("0::/system.slice/claude-agent.service\n"));
        assertEquals(Optional.of(new SystemdUnit("agent.service", true)),
                SystemdUnit.fromCgroup("0::/user.slice/user-1000.slice/user@1000.service/app.slice/agent.service\n"));
        assertEquals(Optional.of(new SystemdUnit("session-4.scope", false)),
                SystemdUnit.fromCgroup("12:pids:/x\n1:name=systemd:/user.slice/user-1000.slice/session-4.scope\n"));
        assertEquals(Optional.empty(), SystemdUnit.fromCgroup("0::/\n"));
        assertEquals(Optional.empty(), SystemdUnit.fromCgroup(""));
    }
}
