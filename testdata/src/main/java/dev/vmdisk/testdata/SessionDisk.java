package dev.vmdisk.testdata;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A session disk like the app's {@code sessiondata.img} (whole-disk ext4, one directory per session at its
 * root), made by mke2fs and debugfs, for prune's tests. Sessions of many ages: stale ones ({@link #stale})
 * idle 31 to 200 days, recent ones ({@link #recent}) at most 9 days (and s02, stale itself but holding a
 * hard link to a recent file of s03), each with nested directories, files of
 * random bytes, a sparse file of many extents (an extent tree with a leaf block), a symbolic link pointing
 * out of the guest's tree, a FIFO, a hard link inside the session, small xattrs in the inode and a large one
 * in an xattr block; hard links across sessions (stale to recent, recent to stale, stale to stale); a stale
 * session of 3,000 files ({@code bigdir-old}); {@code archive}, a recent directory of 2,000 files of which
 * half are stale (its directory is indexed, an htree, by {@code e2fsck -D}); and {@code keep-me}, stale.
 * Every time is set with debugfs' {@code set_inode_field} relative to {@code now}.
 */
public final class SessionDisk {
    public static final int ARCHIVE_FILES = 2000;
    public static final int BIGDIR_FILES = 3000;

    public final Path image;
    /** Top-level names that a prune with the default 30 days removes (without --keep keep-me). */
    public final List<String> stale = new ArrayList<>();
    /** Top-level names idle less than 30 days. */
    public final List<String> recent = new ArrayList<>();
    /** Names under /archive idle more than 30 days. */
    public final List<String> staleArchive = new ArrayList<>();

    private final StringBuilder build = new StringBuilder();
    private final StringBuilder times = new StringBuilder();
    private final Path hostDir;
    private final Random random = new Random(13);
    private final long now;
    private int hostFiles;

    private SessionDisk(Path image, Path hostDir, long now) {
        this.image = image;
        this.hostDir = hostDir;
        this.now = now;
    }

    /**
     * Makes {@code dir/name}: a 160 MiB sparse file holding ext4 made with {@code mkfsOptions} (e.g. "-O",
     * "^metadata_csum"); {@code now} is the time ages count from (seconds since 1970).
     */
    public static SessionDisk make(Path dir, String name, long now, String... mkfsOptions) {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Tools.require("e2fsck");
        try {
            Path img = dir.resolve(name);
            try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
                f.setLength(160L << 20);
            }
            List<String> mkfs = new ArrayList<>(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-L", "sessions"));
            mkfs.addAll(List.of(mkfsOptions));
            mkfs.add(img.toString());
            Tools.run(mkfs).orThrow();
            SessionDisk d = new SessionDisk(img, Files.createDirectories(dir.resolve(name + ".host")), now);
            d.populate();
            d.run(d.build, "build");
            // index the large directories (htree), as the kernel does for them; then set every time
            Tools.Result fsck = Tools.run("e2fsck", "-fyD", img.toString());
            if (fsck.exitCode() > 1) {
                throw new AssertionError("e2fsck -fyD on the new session disk: " + fsck.stdout() + fsck.stderr());
            }
            d.run(d.times, "times");
            Tools.run("e2fsck", "-fn", img.toString()).orThrow();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(StringBuilder commands, String what) throws IOException {
        Path cmds = hostDir.resolve(what + ".debugfs");
        Files.writeString(cmds, commands);
        Tools.run("debugfs", "-w", "-f", cmds.toString(), image.toString()).orThrow();
    }

    private void populate() throws IOException {
        for (int i = 0; i < 30; i++) {
            String s = String.format("s%02d", i);
            boolean old = i % 3 != 0;
            session(s, old ? 31 + i * 5 : i % 10);
            (old ? stale : recent).add(s);
        }
        session("keep-me", 120);
        stale.add("keep-me");
        // hard links across sessions: stale into recent, recent into stale, stale into stale
        link("/s01/proj/a.txt", "/s00/from-s01");
        link("/s03/proj/a.txt", "/s02/from-s03");
        stale.remove("s02"); // it now holds a name of s03's recent file: its last activity is recent
        recent.add("s02");
        link("/s04/proj/a.txt", "/s05/from-s04");
        // a stale session of thousands of files, and a recent directory with thousands of entries, half stale
        mkdir("/bigdir-old", 90);
        Path small = hostFile(100);
        for (int k = 0; k < BIGDIR_FILES; k++) {
            file("/bigdir-old", "f" + k, small, 90);
        }
        stale.add("bigdir-old");
        mkdir("/archive", 1);
        for (int k = 0; k < ARCHIVE_FILES; k++) {
            String n = "entry-" + k;
            file("/archive", n, small, k % 2 == 0 ? 60 : 2);
            if (k % 2 == 0) {
                staleArchive.add(n);
            }
        }
        recent.add("archive");
        // the directories' own times last: creating entries above changed them
        for (String line : dirTimes) {
            times.append(line);
        }
    }

    private final List<String> dirTimes = new ArrayList<>();

    private void session(String s, int idleDays) throws IOException {
        String root = "/" + s;
        mkdir(root, idleDays);
        mkdir(root + "/proj", idleDays);
        mkdir(root + "/proj/src", idleDays);
        mkdir(root + "/proj/src/deep", idleDays);
        file(root + "/proj", "a.txt", hostFile(3000), idleDays);
        file(root + "/proj/src", "b.bin", hostFile(50_000), idleDays);
        file(root + "/proj/src/deep", "c.bin", hostFile(300_000 + random.nextInt(100_000)), idleDays);
        file(root, "sparse.img", sparseHostFile(), idleDays);
        build.append("cd ").append(root).append('\n');
        build.append("symlink outside /etc/passwd\n");
        build.append("mknod fifo p\n");
        build.append("cd /\n");
        stamp(root + "/outside", idleDays);
        stamp(root + "/fifo", idleDays);
        link(root + "/proj/a.txt", root + "/a-link");
        build.append("ea_set ").append(root).append("/proj/a.txt user.note hello\n");
        Path big = hostFile(3000);
        build.append("ea_set -f ").append(big).append(' ').append(root).append("/proj/src/b.bin user.big\n");
    }

    private void mkdir(String path, int idleDays) {
        build.append("mkdir ").append(path).append('\n');
        long t = now - idleDays * 86400L - 3600;
        dirTimes.add("sif " + path + " mtime @" + t + "\nsif " + path + " ctime @" + t + "\n");
    }

    private void file(String dir, String name, Path host, int idleDays) {
        build.append("cd ").append(dir).append('\n');
        build.append("write ").append(host).append(' ').append(name).append('\n');
        build.append("cd /\n");
        stamp(dir + "/" + name, idleDays);
    }

    private void stamp(String path, int idleDays) {
        long t = now - idleDays * 86400L - 3600;
        times.append("sif ").append(path).append(" mtime @").append(t).append('\n');
        times.append("sif ").append(path).append(" ctime @").append(t).append('\n');
    }

    /** A second name for {@code target}; debugfs' ln leaves the link count to the caller. */
    private void link(String target, String second) {
        build.append("ln ").append(target).append(' ').append(second).append('\n');
        linkCounts.merge(target, 1, Integer::sum);
        build.append("sif ").append(target).append(" links_count ").append(1 + linkCounts.get(target)).append('\n');
    }

    private final java.util.Map<String, Integer> linkCounts = new java.util.HashMap<>();

    private Path hostFile(int bytes) throws IOException {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Files.write(hostDir.resolve("f" + hostFiles++), b);
    }

    /** 8 MiB with ten 8 KiB islands of data: ten extents, more than the inode holds, so a leaf block. */
    private Path sparseHostFile() throws IOException {
        Path p = hostDir.resolve("f" + hostFiles++);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(8L << 20);
            for (int k = 0; k < 10; k++) {
                byte[] b = new byte[8192];
                random.nextBytes(b);
                f.seek(k * (800L << 10));
                f.write(b);
            }
        }
        return p;
    }
}
