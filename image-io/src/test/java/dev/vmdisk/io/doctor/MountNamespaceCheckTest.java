package dev.vmdisk.io.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The namespace judgement over a procfs laid out as files (the ns links as the kernel shows them,
 * mountinfo and cgroup text): what it decides when pid 1's namespace can be read, which this machine's
 * own /proc does not allow even root.
 */
class MountNamespaceCheckTest {
    @TempDir
    Path proc;

    private void lay(String selfNs, String pid1Ns, String mountinfo, String cgroup) throws IOException {
        Files.createDirectories(proc.resolve("self/ns"));
        Files.createSymbolicLink(proc.resolve("self/ns/mnt"), Path.of(selfNs));
        if (pid1Ns != null) {
            Files.createDirectories(proc.resolve("1/ns"));
            Files.createSymbolicLink(proc.resolve("1/ns/mnt"), Path.of(pid1Ns));
        }
        Files.writeString(proc.resolve("self/mountinfo"), mountinfo);
        Files.writeString(proc.resolve("self/cgroup"), cgroup);
    }

    @Test
    void aPrivateNamespaceWithEtcReadOnlyIsAProblemNamingTheUnit() throws IOException {
        lay("mnt:[4026532999]", "mnt:[4026531841]", MountTest.MOUNTINFO, "0::/system.slice/claude-agent.service\n");
        Finding f = new MountNamespaceCheck(proc, Path.of("/home/a b")).run();
        assertEquals(Finding.Status.PROBLEM, f.status(), f.toString());
        assertTrue(((Found.Text) f.found()).line().startsWith("a private mount namespace mnt:[4026532999] (pid 1 has mnt:[4026531841])"), ((Found.Text) f.found()).line());
        assertTrue(((Found.Text) f.found()).line().contains("/etc read-only, ext4"), ((Found.Text) f.found()).line());
        assertTrue(((Found.Text) f.found()).line().contains("/home/a b read-only, ext4"), ((Found.Text) f.found()).line());
        assertTrue(((Found.Text) f.found()).line().contains("runs under claude-agent.service"), ((Found.Text) f.found()).line());
        assertTrue(f.remedy().contains("systemctl edit claude-agent.service"), f.remedy());
        assertTrue(f.remedy().contains("ReadWritePaths="), f.remedy());
    }

    @Test
    void theHostsOwnReadOnlyMountsInPid1sNamespaceAreFine() throws IOException {
        lay("mnt:[4026531841]", "mnt:[4026531841]", MountTest.MOUNTINFO, "0::/\n");
        Finding f = new MountNamespaceCheck(proc, Path.of("/root")).run();
        assertEquals(Finding.Status.OK, f.status(), f.toString());
        assertTrue(((Found.Text) f.found()).line().contains("the same mount namespace as pid 1"), ((Found.Text) f.found()).line());
    }

    @Test
    void aPrivateNamespaceWithEverythingWritableIsFine() throws IOException {
        lay("mnt:[2]", "mnt:[1]", "22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n", "0::/\n");
        assertEquals(Finding.Status.OK, new MountNamespaceCheck(proc, Path.of("/root")).run().status());
    }

    @Test
    void unreadablePid1IsJudgedFromTheMountsAlone() throws IOException {
        lay("mnt:[2]", null, MountTest.MOUNTINFO, "0::/\n");
        Finding f = new MountNamespaceCheck(proc, Path.of("/root")).run();
        assertEquals(Finding.Status.PROBLEM, f.status(), f.toString());
        assertTrue(((Found.Text) f.found()).line().contains("judged from the mounts alone"), ((Found.Text) f.found()).line());
        assertTrue(f.remedy().startsWith("start the agent outside this namespace"), f.remedy());
    }
}
