package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.VolumeUsage;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.QuotaFs;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * vmdisk doctor on this machine as it is, and with each condition it diagnoses created for real around
 * a child vmdisk: a private mount namespace with /etc read-only (unshare -m), a seccomp filter refusing
 * AF_UNIX sockets (a small C helper compiled here), an agent temp dir on a file system out of inodes, and
 * one over its user's quota on a loop-mounted ext4 with quotas.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "namespaces, seccomp and quotas are Linux's")
class DoctorCommandIT {
    @TempDir
    Path work;

    @Test
    void aHealthyMachineExitsZero() throws Exception {
        assumeTrue(VolumeUsage.of(Path.of(System.getProperty("user.home"))).level() != VolumeUsage.Level.FULL,
                "this machine's home volume is nearly full: doctor rightly reports it");
        CliRun r = CliRun.of("doctor", "--json");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(List.of("0"), PyJson.lines(r.out(), "[d['problems']]"));
        assertEquals(List.of("ok"), PyJson.lines(r.out(), "[f['status'] for f in d['findings'] if f['check'] == 'mount namespace']"));
        assertEquals(List.of("ok"), PyJson.lines(r.out(), "[f['status'] for f in d['findings'] if f['check'] == 'unix socket in /tmp']"));
        CliRun text = CliRun.of("doctor");
        assertTrue(text.out().contains("nothing wrong found"), text.describe());
    }

    @Test
    void wordsEachImageOfABundleFromItsFigures() throws Exception {
        Path bundle = Files.createDirectories(work.resolve("bundle"));
        Files.move(Fixtures.copy("ext4-4k.img", bundle), bundle.resolve("rootfs.img"));
        // sessiondata.img: no file system, 2 MiB written as zeros: allocated, and what compact gives back.
        Path session = Fixtures.emptySparse(bundle, "sessiondata.img", 8 << 20);
        try (RandomAccessFile f = new RandomAccessFile(session.toFile(), "rw")) {
            f.seek(1 << 20);
            f.write(new byte[2 << 20]);
            f.getFD().sync();
        }
        CliRun r = CliRun.of("doctor", "--bundle", bundle.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("ok       image " + java.util.regex.Pattern.quote(bundle.resolve("rootfs.img").toString())
                + ": whole image: \\d+% used, \\d+\\.\\d MiB free; \\d+\\.\\d [KMG]iB reclaimable on the host by vmdisk compact \\(clean\\)")),
                r.describe());
        assertTrue(lines.contains("ok       image " + session + ": 2.0 MiB allocated; 2.0 MiB reclaimable on the host by vmdisk compact"
                + " (no ext2/3/4 file system read)"), r.describe());
        assertTrue(lines.stream().anyMatch(l -> l.matches("ok       host volume of " + java.util.regex.Pattern.quote(bundle.toString())
                + ": .+: \\d+% used, \\d+\\.\\d [KMGT]iB available of \\d+\\.\\d [KMGT]iB")), r.describe());
    }

    @Test
    void findsEtcReadOnlyInAPrivateMountNamespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "unshare -m needs root");
        Tools.require("unshare");
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
                "mount --bind /etc /etc && mount -o remount,bind,ro /etc && exec \"$@\"", "sh"));
        cmd.addAll(vmdisk("doctor", "--json"));
        Run r = run(cmd, Map.of());
        assumeTrue(!r.out.contains("mount:") && !r.out.startsWith("unshare:"), () -> "cannot make a private namespace here: " + r.out);
        assertEquals(5, r.exitCode, r.out);
        List<String> found = PyJson.lines(r.json(), "[f['status'] + ' ' + f['found'] for f in d['findings'] if f['check'] == 'mount namespace']");
        assertEquals(1, found.size(), r.out);
        assertTrue(found.get(0).startsWith("problem "), found.get(0));
        assertTrue(found.get(0).contains("/etc read-only"), found.get(0));
    }

    @Test
    void findsUnixSocketsRefusedByASeccompFilter() throws Exception {
        Tools.require("gcc");
        Path src = work.resolve("no-af-unix.c");
        try (InputStream in = DoctorCommandIT.class.getResourceAsStream("/doctor/no-af-unix.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path helper = work.resolve("no-af-unix");
        Tools.run("gcc", "-O", "-o", helper.toString(), src.toString()).orThrow();
        // the helper works: python3 under it cannot make a Unix socket but can make an Internet one
        Run probe = run(List.of(helper.toString(), "python3", "-c",
                "import socket\nsocket.socket(socket.AF_INET)\ntry:\n  socket.socket(socket.AF_UNIX)\nexcept PermissionError:\n  print('refused')"), Map.of());
        assertEquals("refused", probe.out.strip());

        List<String> cmd = new ArrayList<>(List.of(helper.toString()));
        cmd.addAll(vmdisk("doctor", "--json"));
        Run r = run(cmd, Map.of());
        assertEquals(5, r.exitCode, r.out);
        List<String> found = PyJson.lines(r.json(), "[f['status'] + ' ' + f['found'] for f in d['findings'] if f['check'] == 'unix socket in /tmp']");
        assertEquals(List.of("problem socket(AF_UNIX) refused: EPERM (Operation not permitted)"), found, r.out);
    }

    @Test
    void findsAnAgentTempDirOnAFileSystemOutOfInodes() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path mnt = Files.createDirectories(work.resolve("small-tmp"));
        Tools.Result m = Tools.run("mount", "-t", "tmpfs", "-o", "size=1m,nr_inodes=32", "tmpfs", mnt.toString());
        assumeTrue(m.exitCode() == 0, () -> "cannot mount a tmpfs here: " + m.stderr());
        try {
            Path claude = Files.createDirectories(mnt.resolve("claude-0"));
            for (int i = 0; ; i++) { // until the file system has no inode left, as 63,370 entries left it
                try {
                    Files.createFile(claude.resolve("f" + i));
                } catch (IOException full) {
                    break;
                }
            }
            Run r = run(vmdisk("doctor", "--json"), Map.of("TMPDIR", mnt.toString()));
            assertEquals(5, r.exitCode, r.out);
            assertEquals(List.of("problem"), PyJson.lines(r.json(),
                    "[f['status'] for f in d['findings'] if f['check'] == 'agent temp dir " + claude + "']"), r.out);
            List<String> sock = PyJson.lines(r.json(), "[f['status'] + ' ' + f['found'] for f in d['findings'] if f['check'] == 'unix socket in $TMPDIR']");
            assertEquals(1, sock.size(), r.out);
            assertTrue(sock.get(0).startsWith("problem bind ") && sock.get(0).contains("ENOSPC"), sock.get(0));
        } finally {
            Tools.run("umount", mnt.toString()).orThrow();
        }
    }

    @Test
    void findsAnAgentTempDirOverItsUsersQuota() throws Exception {
        try (QuotaFs q = QuotaFs.mount(work, true)) {
            q.limit(0, 1024, 1000); // root's usage is counted against limits, though not refused
            Path claude = Files.createDirectories(q.mountPoint().resolve("claude-0"));
            try (RandomAccessFile f = new RandomAccessFile(claude.resolve("big.bin").toFile(), "rw")) {
                f.write(new byte[1000 * 1024]);
                f.getFD().sync();
            }
            Run r = run(vmdisk("doctor", "--json"), Map.of("TMPDIR", q.mountPoint().toString()));
            assertEquals(5, r.exitCode, r.out);
            List<String> found = PyJson.lines(r.json(),
                    "[f['status'] + ' ' + f['found'] for f in d['findings'] if f['check'] == 'agent temp dir " + claude + "']");
            assertEquals(1, found.size(), r.out);
            assertTrue(found.get(0).startsWith("problem ") && found.get(0).contains("quota space 9"), found.get(0));
        }
    }

    /** The command line of a child vmdisk on this JVM's class path. */
    private static List<String> vmdisk(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private record Run(int exitCode, String out) {
        /** stdout alone starts at the JSON's first brace; anything before it was stderr. */
        String json() {
            int brace = out.indexOf("{\n");
            String json = brace < 0 ? out : out.substring(brace, out.lastIndexOf('}') + 1);
            JsonSchemas.assertValid("doctor", json);
            return json;
        }
    }

    private static Run run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Run(p.exitValue(), out);
    }
}
