package dev.vmdisk.testdata;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A Claude desktop app VM bundle laid out like the real one (names and layout from the facts gathered from
 * user reports), small enough for a test, made by real tools (mke2fs, debugfs, sgdisk, zstd) and
 * {@link AsifWriter}:
 * <pre>
 * vm_bundles/
 *   claudevm.bundle/
 *     rootfs.img            GPT: BIOS boot, EFI (FAT), ext4 root; 64 MiB, grown since its base: a Playwright
 *                           copy and journal files written, then deleted (their blocks still hold their bytes)
 *     rootfs.img.zst        its base (the fresh image), .rootfs.img.zst.origin its release
 *     .rootfs.img.origin    the release rootfs.img was extracted from (an older one than the base's)
 *     sessiondata.img       ASIF: a whole-disk ext4 "sessions" holding session directories, most deleted since
 *     vmlinuz, initrd       with vmlinuz.zst, initrd.zst and .vmlinuz.origin
 *     efivars.fd, macAddress, .sdk-version, .cowork-adopted
 *     rootfs.img.zst.partial  a stalled download (nobody holds it)
 *   warm/RELEASE/rootfs.img.zst   the next release fetched ahead
 * </pre>
 * The raw twin of {@code sessiondata.img}'s guest is kept outside the bundle ({@link #sessionsRaw}).
 */
public final class ClaudeBundle {
    public static final long ROOTFS_BYTES = 64L << 20;
    public static final long SESSIONS_BYTES = 32L << 20;
    public static final String IMAGE_RELEASE = "1111111111111111111111111111111111111111";
    public static final String BASE_RELEASE = "2222222222222222222222222222222222222222";
    public static final String WARM_RELEASE = "3333333333333333333333333333333333333333";
    /** Session directories made in the guest, and how many of them were deleted since. */
    public static final int SESSIONS_MADE = 12;
    public static final int SESSIONS_KEPT = 4;
    /** Sectors of the GPT's partitions: BIOS boot 1 MiB, EFI 8 MiB, root 48 MiB. */
    private static final long ROOT_START_SECTOR = 20480;
    private static final long ROOT_BYTES = 48L << 20;

    public final Path vmBundles;
    public final Path bundle;
    public final Path rootfs;
    public final Path rootfsBase;
    public final Path sessiondata;
    public final Path sessionsRaw;
    public final Path partial;
    public final Path warmCopy;

    private ClaudeBundle(Path vmBundles) {
        this.vmBundles = vmBundles;
        this.bundle = vmBundles.resolve("claudevm.bundle");
        this.rootfs = bundle.resolve("rootfs.img");
        this.rootfsBase = bundle.resolve("rootfs.img.zst");
        this.sessiondata = bundle.resolve("sessiondata.img");
        this.sessionsRaw = vmBundles.getParent().resolve("sessiondata.raw-twin");
        this.partial = bundle.resolve("rootfs.img.zst.partial");
        this.warmCopy = vmBundles.resolve("warm").resolve(WARM_RELEASE);
    }

    /** Byte offset of rootfs.img's ext4 root partition (partition 3). */
    public static long rootPartitionOffset() {
        return ROOT_START_SECTOR * 512;
    }

    /** Makes the bundle under {@code work/vm_bundles}; {@code work} also holds scratch files. */
    public static ClaudeBundle make(Path work) {
        for (String tool : List.of("mke2fs", "debugfs", "sgdisk", "zstd", "mkfs.vfat")) {
            Tools.require(tool);
        }
        try {
            ClaudeBundle b = new ClaudeBundle(work.resolve("vm_bundles"));
            Files.createDirectories(b.bundle);
            Files.createDirectories(b.warmCopy);
            Path scratch = Files.createDirectories(work.resolve("scratch"));
            b.makeRootfs(scratch);
            b.makeSessions(scratch);
            b.makeSmallFiles();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void makeRootfs(Path scratch) throws IOException {
        Path tree = Files.createDirectories(scratch.resolve("root-tree"));
        Random r = new Random(1);
        write(tree.resolve("etc/hostname"), "claude\n".getBytes());
        write(tree.resolve("usr/bin/node"), random(r, 2 << 20));
        write(tree.resolve("usr/lib/libc.so.6"), random(r, 1 << 20));
        Path part = scratch.resolve("root.ext4");
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-L", "cloudimg-rootfs", "-E", "root_owner=0:0",
                "-d", tree.toString(), part.toString(), (ROOT_BYTES >> 10) + "k").orThrow();
        Path fresh = scratch.resolve("rootfs-fresh.img");
        assemble(fresh, part, scratch);
        Tools.run("zstd", "-q", "-f", "-o", rootfsBase.toString(), fresh.toString()).orThrow();
        // Weeks of use: a Playwright browser and journal files written, then deleted; their blocks stay allocated.
        Path pw = scratch.resolve("chrome");
        Files.write(pw, random(r, 12 << 20));
        Path journal = scratch.resolve("system.journal");
        Files.write(journal, random(r, 6 << 20));
        debugfs(part, "mkdir /var", "mkdir /var/tmp", "mkdir /var/tmp/.pw-browsers", "mkdir /var/log",
                "write " + pw + " /var/tmp/.pw-browsers/chrome", "write " + journal + " /var/log/system.journal",
                "write " + journal + " /var/log/kept.journal");
        debugfs(part, "rm /var/tmp/.pw-browsers/chrome", "rm /var/log/system.journal");
        assemble(rootfs, part, scratch);
    }

    /** A GPT disk of {@link #ROOTFS_BYTES}: BIOS boot, EFI (FAT), and {@code root} as partition 3, copied in sparse. */
    private static void assemble(Path image, Path root, Path scratch) throws IOException {
        Files.deleteIfExists(image);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(ROOTFS_BYTES);
        }
        long rootEnd = ROOT_START_SECTOR + ROOT_BYTES / 512 - 1;
        Tools.run("sgdisk", "-o", "-U", "6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D",
                "-n", "14:2048:4095", "-t", "14:ef02",
                "-n", "15:4096:20479", "-t", "15:ef00", "-c", "15:UEFI",
                "-n", "1:" + ROOT_START_SECTOR + ":" + rootEnd, "-t", "1:8300",
                image.toString()).orThrow();
        Path efi = scratch.resolve("efi.fat");
        Files.deleteIfExists(efi);
        Tools.run("mkfs.vfat", "-C", "-n", "UEFI", efi.toString(), String.valueOf(8 << 10)).orThrow();
        copySparse(efi, image, 4096L * 512);
        copySparse(root, image, rootPartitionOffset());
    }

    /**
     * The sessions disk: whole-disk ext4 labelled {@code sessions}, one directory per session at its root (the
     * guest mounts it at {@code /sessions}), most deleted since; written as ASIF into the bundle, its raw twin kept.
     */
    private void makeSessions(Path scratch) throws IOException {
        Path tree = Files.createDirectories(scratch.resolve("sessions-tree"));
        Random r = new Random(2);
        for (int i = 0; i < SESSIONS_MADE; i++) {
            Path s = tree.resolve(sessionName(i));
            write(s.resolve("transcript.jsonl"), random(r, 600 << 10));
            write(s.resolve("outputs/report.md"), ("session " + i + "\n").repeat(4000).getBytes());
        }
        Path made = scratch.resolve("sessions.ext4");
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-L", "sessions", "-E", "root_owner=0:0",
                "-d", tree.toString(), made.toString(), (SESSIONS_BYTES >> 10) + "k").orThrow();
        List<String> rm = new ArrayList<>();
        for (int i = SESSIONS_KEPT; i < SESSIONS_MADE; i++) {
            String s = "/" + sessionName(i);
            rm.addAll(List.of("rm " + s + "/transcript.jsonl", "rm " + s + "/outputs/report.md", "rmdir " + s + "/outputs",
                    "rmdir " + s));
        }
        debugfs(made, rm.toArray(String[]::new));
        // The raw twin holds what the ASIF file holds: all-zero blocks are holes in both (AsifWriter maps no
        // all-zero chunk), so the same trim has the same deleted data to give back in each.
        try (RandomAccessFile f = new RandomAccessFile(sessionsRaw.toFile(), "rw")) {
            f.setLength(SESSIONS_BYTES);
        }
        copySparse(made, sessionsRaw, 0);
        new AsifWriter().seed(5).write(sessionsRaw, sessiondata);
    }

    public static String sessionName(int i) {
        return "session-" + (char) ('a' + i) + "-" + (1000 + i);
    }

    private void makeSmallFiles() throws IOException {
        Random r = new Random(3);
        Files.writeString(bundle.resolve(".rootfs.img.origin"), IMAGE_RELEASE);
        Files.writeString(bundle.resolve(".rootfs.img.zst.origin"), BASE_RELEASE);
        Files.writeString(bundle.resolve(".vmlinuz.origin"), BASE_RELEASE);
        Files.writeString(bundle.resolve(".sdk-version"), "0.2.1\n");
        Files.writeString(bundle.resolve(".cowork-adopted"), "");
        Files.write(bundle.resolve("vmlinuz"), random(r, 1 << 20));
        Files.write(bundle.resolve("initrd"), random(r, 512 << 10));
        Tools.run("zstd", "-q", "-f", bundle.resolve("vmlinuz").toString()).orThrow();
        Tools.run("zstd", "-q", "-f", bundle.resolve("initrd").toString()).orThrow();
        Files.write(bundle.resolve("efivars.fd"), new byte[128 << 10]);
        Files.writeString(bundle.resolve("macAddress"), "02:00:00:00:00:01\n");
        Files.write(partial, random(r, 3 << 20));
        Files.write(warmCopy.resolve("rootfs.img.zst"), random(r, 4 << 20));
        Tools.run("sync").orThrow();
    }

    private static void debugfs(Path image, String... requests) throws IOException {
        Path script = Files.createTempFile(image.getParent(), "debugfs", ".cmd");
        Files.write(script, List.of(requests));
        Tools.run("debugfs", "-w", "-f", script.toString(), image.toString()).orThrow();
        Files.delete(script);
    }

    /** Copies {@code from} into {@code to} at {@code at}, leaving its all-zero 4 KiB blocks unwritten (holes). */
    private static void copySparse(Path from, Path to, long at) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            ByteBuffer zero = ByteBuffer.allocate(4096);
            for (long pos = 0; pos < in.size(); pos += 4096) {
                b.clear();
                while (b.hasRemaining() && in.read(b, pos + b.position()) > 0) {
                    // fill
                }
                b.flip();
                if (b.remaining() == 0) {
                    break;
                }
                zero.clear().limit(b.remaining());
                if (!b.equals(zero)) {
                    out.write(b, at + pos);
                }
            }
            out.force(true);
        }
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static void write(Path p, byte[] bytes) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }
}
