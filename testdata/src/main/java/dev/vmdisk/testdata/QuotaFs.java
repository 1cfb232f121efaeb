package dev.vmdisk.testdata;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small real ext4 file system with user quotas (mke2fs {@code -O quota}), loop-mounted with
 * {@code usrquota}, limits set by {@code setquota}; unmounted on close. Needs root, a loop device and
 * the quota tools; where one is missing the calling test is skipped with the reason.
 */
public final class QuotaFs implements AutoCloseable {
    private final Path mountPoint;
    private boolean mounted = true;

    private QuotaFs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Makes a 32 MiB image in {@code work}, with quota accounting on, and mounts it at {@code work/mnt}. */
    public static QuotaFs mount(Path work, boolean withQuota) {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a loop file system needs root");
        Tools.require("mke2fs");
        Tools.require("setquota");
        try {
            Path img = work.resolve(withQuota ? "quota.img" : "plain.img");
            try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
                f.setLength(32L << 20);
            }
            if (withQuota) {
                Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-O", "quota", "-E", "quotatype=usrquota", img.toString()).orThrow();
            } else {
                Tools.run("mke2fs", "-q", "-F", "-t", "ext4", img.toString()).orThrow();
            }
            Path mnt = Files.createDirectories(work.resolve(withQuota ? "mnt" : "plain-mnt"));
            Tools.Result m = Tools.run("mount", "-o", withQuota ? "loop,usrquota" : "loop", img.toString(), mnt.toString());
            Assumptions.assumeTrue(m.exitCode() == 0, () -> "cannot loop-mount " + (withQuota ? "an ext4 with quotas (the kernel may lack CONFIG_QUOTA and CONFIG_QFMT_V2)" : "an ext4 image") + " here: " + m.stderr().strip());
            return new QuotaFs(mnt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /** {@code setquota -u UID 0 HARD_KIB 0 HARD_INODES}: hard limits only. */
    public void limit(int uid, long hardKib, long hardInodes) {
        Tools.run("setquota", "-u", Integer.toString(uid), "0", Long.toString(hardKib), "0", Long.toString(hardInodes),
                mountPoint.toString()).orThrow();
    }

    /**
     * What {@code repquota -n} says of {@code uid}: used KiB, soft, hard, used inodes, soft, hard, the
     * independent judge of vmdisk's quotactl reading.
     */
    public long[] repquota(int uid) {
        String out = Tools.run("repquota", "-n", "-u", mountPoint.toString()).orThrow().stdout();
        for (String line : out.split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length >= 8 && t[0].equals("#" + uid)) {
                // #UID -- usedKiB soft hard [grace] usedInodes soft hard [grace]: no grace fields while under the limits
                return new long[]{Long.parseLong(t[2]), Long.parseLong(t[3]), Long.parseLong(t[4]),
                        Long.parseLong(t[5]), Long.parseLong(t[6]), Long.parseLong(t[7])};
            }
        }
        throw new AssertionError("repquota lists no uid " + uid + ":\n" + out);
    }

    @Override
    public void close() {
        if (mounted) {
            mounted = false;
            Tools.run("umount", mountPoint.toString()).orThrow();
        }
    }
}
