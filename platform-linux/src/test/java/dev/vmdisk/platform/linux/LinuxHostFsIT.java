package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.OpenFileSet;
import dev.vmdisk.io.nativefs.QuotaUsage;
import dev.vmdisk.testdata.QuotaFs;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The port's host-side answers against real processes and real file systems: {@code openFiles} with
 * children that open, only map, or stand in a directory; {@code fsFigures} against {@code stat -f};
 * {@code userQuota} against {@code repquota} on a loop-mounted ext4 with quotas.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads Linux /proc, statvfs and quotactl_fd")
@SuppressWarnings("try") // a child that only keeps a file held is not referenced
class LinuxHostFsIT {
    private final LinuxNativeFs fs = new LinuxNativeFs(LinuxLibc.INSTANCE);

    @TempDir
    Path dir;

    @Test
    void oneScanSeesOpenMappedAndWorkingDirectoryFilesAndNothingElse() throws Exception {
        Path open = Files.writeString(dir.resolve("open.txt"), "open");
        Path mapped = Files.writeString(dir.resolve("mapped.bin"), "mapped only");
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path idle = Files.writeString(dir.resolve("idle.txt"), "nobody has this");
        try (Child a = Child.python(LinuxHoldersIT.OPEN, open.toString());
             Child b = Child.python("import mmap, sys, time\nf = open(sys.argv[1], 'rb')\n"
                     + "m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)\nf.close()\nprint('ready', flush=True)\ntime.sleep(120)",
                     mapped.toString());
             Child c = Child.start(java.util.List.of("sh", "-c", "cd \"$0\" && echo ready && exec sleep 120", cwd.toString()))) {
            OpenFileSet set = fs.openFiles();
            assertTrue(set.known());
            assertTrue(set.files().contains(id(open)), "an open descriptor");
            assertTrue(set.files().contains(id(mapped)), "a mapping whose descriptor was closed");
            assertTrue(set.files().contains(id(cwd)), "a working directory");
            assertFalse(set.files().contains(id(idle)), "a file nobody holds");
        }
        assertFalse(fs.openFiles().files().contains(id(open)), "the child is gone, and so is its hold");
    }

    @Test
    void fsFiguresAgreeWithStatF() {
        FsFigures f = fs.fsFigures(dir);
        // %S fundamental block size, %b blocks, %f free, %a available, %c inodes, %d free inodes
        String[] t = Tools.run("stat", "-f", "-c", "%S %b %f %a %c %d", dir.toString()).orThrow().stdout().trim().split(" ");
        long bs = Long.parseLong(t[0]);
        assertEquals(Long.parseLong(t[1]) * bs, f.totalBytes());
        assertEquals(Long.parseLong(t[4]), f.totalInodes());
        // free figures move with other writers on the machine: within 64 MiB and 1000 inodes of stat's
        assertTrue(Math.abs(Long.parseLong(t[3]) * bs - f.availableBytes()) < 64L << 20);
        assertTrue(Math.abs(Long.parseLong(t[5]) - f.freeInodes()) < 1000);
    }

    @Test
    void quotaReadsAsRepquotaSaysOnALoopExt4WithQuotas() throws Exception {
        try (QuotaFs q = QuotaFs.mount(dir, true)) {
            int uid = 4242;
            q.limit(uid, 1024, 10);
            Path user = Files.createDirectories(q.mountPoint().resolve("claude-" + uid));
            try (RandomAccessFile f = new RandomAccessFile(user.resolve("a.bin").toFile(), "rw")) {
                f.write(new byte[300 * 1024]);
            }
            Files.writeString(user.resolve("b.txt"), "b");
            Tools.run("chown", "-R", Integer.toString(uid), user.toString()).orThrow();
            Tools.run("sync").orThrow();
            QuotaUsage u = fs.userQuota(user, uid);
            assertTrue(u.known(), () -> u.unknown().orElse(""));
            long[] rep = q.repquota(uid);
            assertEquals(rep[0] * 1024, u.usedBytes());
            assertEquals(1024 * 1024, u.hardBytes());
            assertEquals(rep[3], u.usedInodes());
            assertEquals(10, u.hardInodes());
            assertEquals(3, u.usedInodes(), "the directory and its two files");
        }
    }

    @Test
    void aFileSystemWithoutQuotasSaysSo() {
        QuotaUsage u = fs.userQuota(dir, 0);
        assertFalse(u.known());
        assertFalse(u.unknown().orElseThrow().isBlank());
    }

    private static FileId id(Path p) throws Exception {
        return new FileId((Long) Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS),
                (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS));
    }
}
