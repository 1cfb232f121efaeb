package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * packaging/systemd/vmdisk-tmp.{service,timer} and packaging/tmpfiles.d/vmdisk-agent-tmp.conf, tried as
 * a new user would: the units verify, the service's own ExecStart line runs with a bare environment over
 * a real /tmp/claude-UID (in a private mount namespace with its own /tmp, so this machine's real agent
 * temp directories are never touched), and the tmpfiles line cleans as its note says, holders and all.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "systemd and mount namespaces are Linux's")
class TmpPackagingIT {
    private static final Path SYSTEMD = PrelaunchPackagingIT.PACKAGING.resolve("systemd");

    @TempDir
    Path home;

    @Test
    void theUnitsHaveWhatTheyNeedAndVerify() throws Exception {
        Map<String, String> service = PrelaunchPackagingIT.unitKeys(Files.readString(SYSTEMD.resolve("vmdisk-tmp.service")));
        Map<String, String> timer = PrelaunchPackagingIT.unitKeys(Files.readString(SYSTEMD.resolve("vmdisk-tmp.timer")));
        assertEquals("oneshot", service.get("Service.Type"));
        assertTrue(service.get("Service.ExecStart").matches("/\\S+/vmdisk tmp --clean --older-than 72h"), service.toString());
        assertEquals("daily", timer.get("Timer.OnCalendar"));
        assertEquals("true", timer.get("Timer.Persistent"));
        assertEquals("timers.target", timer.get("Install.WantedBy"));
        assumeTrue(Tools.available("systemd-analyze"), "systemd-analyze is not installed; the units' keys were checked, not verified");
        Path units = Files.createDirectories(home.resolve(".config/systemd/user"));
        Files.writeString(units.resolve("vmdisk-tmp.service"), installed());
        Files.copy(SYSTEMD.resolve("vmdisk-tmp.timer"), units.resolve("vmdisk-tmp.timer"));
        Tools.Result v = Tools.run("systemd-analyze", "verify", "--man=no", units.resolve("vmdisk-tmp.service").toString(),
                units.resolve("vmdisk-tmp.timer").toString());
        assertEquals(new Tools.Result(0, "", ""), v);
    }

    @Test
    void theServicesCommandSweepsTheUsersTempDirWithABareEnvironment() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "a private /tmp (unshare -m) needs root");
        Tools.require("unshare");
        String exec = PrelaunchPackagingIT.unitKeys(installed()).get("Service.ExecStart");
        // The private /tmp hides whatever lies below /tmp, the checkout (CI may clone there) and HOME
        // included: the old /tmp stays reachable on /mnt of this namespace, and both are bound back.
        String checkout = Path.of(PrelaunchPackagingIT.LAUNCHER).toAbsolutePath().getParent().toString();
        String script = String.join("\n",
                "set -e",
                "mount --bind /tmp /mnt",
                "mount -t tmpfs tmpfs /tmp",
                "for d in '" + checkout + "' '" + home.toAbsolutePath() + "'; do",
                "  case \"$d\" in /tmp/*) mkdir -p \"$d\" && mount --bind \"/mnt${d#/tmp}\" \"$d\";; esac",
                "done",
                "mkdir -m 700 /tmp/claude-0 /tmp/claude-0/old-tree",
                "echo old > /tmp/claude-0/old-tree/old.txt",
                "echo new > /tmp/claude-0/new.txt",
                "touch -d '5 days ago' /tmp/claude-0/old-tree/old.txt /tmp/claude-0/old-tree",
                exec + " > /tmp/out.txt 2>&1 || { cat /tmp/out.txt; exit 1; }",
                "ls -A /tmp/claude-0",
                "cat /tmp/out.txt");
        Tools.Result r = Tools.run(List.of("unshare", "-m", "env", "-i", "HOME=" + home,
                "PATH=" + Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin", "/bin/sh", "-c", script));
        assumeTrue(!r.stderr().startsWith("unshare:") && !r.stderr().startsWith("mount:"), () -> "no private /tmp here: " + r.stderr());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith("new.txt\n"), "only the fresh file is left:\n" + r.stdout());
        assertTrue(r.stdout().contains("removed        file      /tmp/claude-0/old-tree/old.txt"), r.stdout());
        assertTrue(r.stdout().contains("removed        directory /tmp/claude-0/old-tree"), r.stdout());
    }

    @Test
    void theTmpfilesLineCleansByAgeAloneAsItsNoteSays() throws Exception {
        assumeTrue(Tools.available("systemd-tmpfiles"), "systemd-tmpfiles is not installed");
        Path dir = Files.createDirectories(home.resolve("claude-tmp"));
        Path held = Files.writeString(dir.resolve("held.log"), "an agent still writes this");
        Path conf = home.resolve("agent-tmp.conf");
        // the shipped line with this directory for /tmp/claude-%U and 1s for its age (ctime cannot be set back)
        String line = Files.readAllLines(PrelaunchPackagingIT.PACKAGING.resolve("tmpfiles.d/vmdisk-agent-tmp.conf")).stream()
                .filter(l -> l.startsWith("e ")).findFirst().orElseThrow();
        Files.writeString(conf, line.replace("/tmp/claude-%U", dir.toString()).replace("3d", "1s") + "\n");
        try (HolderProcess holder = new HolderProcess(held)) {
            Thread.sleep(2500);
            Tools.run("systemd-tmpfiles", "--clean", conf.toString()).orThrow();
            // what the note warns of: age alone, so a file a live process holds open is gone
            assertTrue(Files.notExists(held), "systemd-tmpfiles kept a held file: the note in the .conf is wrong");
        }
    }

    /** The service as installed, ExecStart pointing at this checkout's vmdisk. */
    private static String installed() throws Exception {
        return Files.readString(SYSTEMD.resolve("vmdisk-tmp.service"))
                .replaceFirst("ExecStart=/\\S+/vmdisk", "ExecStart=" + PrelaunchPackagingIT.LAUNCHER);
    }
}
