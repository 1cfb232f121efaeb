package dev.vmdisk.cli;

import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * vmdisk tmp over a real directory: stale and fresh files, a stale file a live process holds open, one it
 * only maps, a stale empty directory that is a live process's working directory, a stale nested tree, a
 * stale directory with something fresh inside, and stale links pointing out of it to a file and to a
 * directory. Times are set with touch -h (never by reading), the holders are real processes.
 */
@EnabledOnOs(OS.LINUX)
class TmpCommandIT {
    private static final String OLD = "@" + (System.currentTimeMillis() / 1000 - 5 * 86_400); // five days ago

    @TempDir
    Path work;

    Path dir;
    Path outside;
    /** Every entry's bytes, read before the times were set: reading afterwards would make them fresh. */
    Map<String, String> contentBefore;
    final List<Process> holders = new ArrayList<>();

    @BeforeEach
    void makeTree() throws IOException, InterruptedException {
        dir = Files.createDirectories(work.resolve("claude-tmp"));
        outside = Files.createDirectories(work.resolve("outside"));
        write(outside.resolve("target.txt"), "must survive");
        write(outside.resolve("tree/inner.txt"), "must survive too");

        write(dir.resolve("stale.txt"), "old scratch");
        write(dir.resolve("fresh.txt"), "written just now");
        write(dir.resolve("held.txt"), "a live process has this open");
        write(dir.resolve("mapped.bin"), "a live process maps this");
        write(dir.resolve("nested/a/b/deep.txt"), "old and deep");
        write(dir.resolve("nested/a/sibling.txt"), "old too");
        write(dir.resolve("mixed/old.txt"), "old");
        write(dir.resolve("mixed/new.txt"), "new");
        Files.createDirectories(dir.resolve("cwd-of-a-shell"));
        Files.createSymbolicLink(dir.resolve("link-to-file"), outside.resolve("target.txt"));
        Files.createSymbolicLink(dir.resolve("link-to-dir"), outside.resolve("tree"));

        holders.add(ready(new ProcessBuilder("sh", "-c", "exec 3<\"$0\"; echo ready; exec sleep 60", dir.resolve("held.txt").toString())));
        holders.add(ready(new ProcessBuilder("python3", "-c", "import mmap,sys\nf=open(sys.argv[1],'rb')\n"
                + "m=mmap.mmap(f.fileno(),0,prot=mmap.PROT_READ)\nf.close()\nprint('ready',flush=True)\nsys.stdin.read()",
                dir.resolve("mapped.bin").toString())));
        holders.add(ready(new ProcessBuilder("sh", "-c", "cd \"$0\" && echo ready && exec sleep 60", dir.resolve("cwd-of-a-shell").toString())));

        contentBefore = snapshot(work, true);
        // everything old but fresh.txt and mixed/new.txt; set after the holders opened, mapped or entered their files
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.endsWith("fresh.txt") && !p.endsWith("new.txt") && !p.equals(dir) && !p.equals(work)) {
                    Tools.run("touch", "-h", "-d", OLD, p.toString()).orThrow();
                }
            }
        }
    }

    @AfterEach
    void stopHolders() throws InterruptedException {
        for (Process p : holders) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void dryRunListsAndCleanRemovesExactlyTheStaleUnheldEntries() throws Exception {
        Map<String, String> before = snapshot(work, false);
        List<String> expectedRemoved = List.of("link-to-dir", "link-to-file", "mixed/old.txt", "nested", "nested/a",
                "nested/a/b", "nested/a/b/deep.txt", "nested/a/sibling.txt", "stale.txt");

        CliRun dry = CliRun.of("tmp", "--dir", dir.toString(), "--json");
        assertEquals(0, dry.exitCode(), dry.describe());
        assertEquals(before, snapshot(work, false), "a dry run changed something");
        assertEquals(expectedRemoved, relative(PyJson.lines(dry.out(), "sorted(e['path'] for e in d['dirs'][0]['removed'])")));

        CliRun clean = CliRun.of("tmp", "--dir", dir.toString(), "--clean", "--json");
        assertEquals(0, clean.exitCode(), clean.describe());
        assertEquals(expectedRemoved, relative(PyJson.lines(clean.out(), "sorted(e['path'] for e in d['dirs'][0]['removed'])")));
        assertEquals(List.of("cwd-of-a-shell held", "fresh.txt fresh", "held.txt held", "mapped.bin held", "mixed not-empty", "mixed/new.txt fresh"),
                relative(PyJson.lines(clean.out(), "sorted(e['path'] + ' ' + e['reason'] for e in d['dirs'][0]['kept'])")));

        Map<String, String> after = snapshot(work, true);
        Map<String, String> expected = new TreeMap<>(contentBefore);
        expectedRemoved.forEach(r -> expected.remove("claude-tmp/" + r));
        assertEquals(expected, after, "removed something else, or changed what it kept");
        assertTrue(Files.isDirectory(dir), "the temp dir itself must stay");
    }

    @Test
    void removalIsDeepestFirstAndTextSaysWhatWasKeptAndWhy() {
        CliRun r = CliRun.of("tmp", "--dir", dir.toString(), "--clean");
        assertEquals(0, r.exitCode(), r.describe());
        String out = r.out();
        assertTrue(out.indexOf("nested/a/b/deep.txt") < out.indexOf("nested/a/b ("), out);
        assertTrue(out.indexOf("nested/a/b (") < out.indexOf("nested (0 B)"), out);
        assertTrue(out.contains("held.txt: held by a live process"), out);
        assertTrue(out.contains("mixed: 1 entry inside kept"), out);
        assertTrue(out.contains("removed 9 entries"), out);
    }

    @Test
    void aMountInsideIsNeverEntered() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Tools.Result m = Tools.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString());
        assumeTrue(m.exitCode() == 0, () -> "cannot mount a tmpfs here: " + m.stderr());
        try {
            write(mnt.resolve("on-another-fs.txt"), "not vmdisk's to sweep");
            Tools.run("touch", "-h", "-d", OLD, mnt.resolve("on-another-fs.txt").toString(), mnt.toString()).orThrow();
            CliRun r = CliRun.of("tmp", "--dir", dir.toString(), "--clean", "--json");
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(List.of("mnt other-file-system"),
                    relative(PyJson.lines(r.out(), "[e['path'] + ' ' + e['reason'] for e in d['dirs'][0]['kept'] if 'mnt' in e['path']]")));
            assertEquals("not vmdisk's to sweep", Files.readString(mnt.resolve("on-another-fs.txt")));
        } finally {
            Tools.run("umount", mnt.toString()).orThrow();
        }
    }

    @Test
    void anotherUsersEntriesAreKeptUnlessRunByRoot() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "running as another user needs root");
        Tools.require("setpriv");
        Path jar = GeneratedDocsIT.TARGET.resolve("vmdisk.jar");
        assumeTrue(Files.isRegularFile(jar), "the shaded jar is made by mvn package");
        Path shared = Files.createDirectories(work.resolve("shared"));
        Files.copy(jar, shared.resolve("vmdisk.jar"));
        Path jvmTmp = Files.createDirectories(shared.resolve("jvm-tmp"));
        Path nobodys = Files.createDirectories(shared.resolve("claude-65534"));
        write(nobodys.resolve("mine.txt"), "nobody's own");
        write(nobodys.resolve("roots.txt"), "root's, in nobody's directory");
        Tools.run("chown", "65534:65534", nobodys.toString(), nobodys.resolve("mine.txt").toString(), jvmTmp.toString()).orThrow();
        Tools.run("chmod", "755", work.toString(), shared.toString()).orThrow();
        Tools.run("touch", "-d", OLD, nobodys.resolve("mine.txt").toString(), nobodys.resolve("roots.txt").toString()).orThrow();

        Tools.Result r = Tools.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + jvmTmp,
                "-jar", shared.resolve("vmdisk.jar").toString(), "tmp", "--dir", nobodys.toString(), "--clean", "--json");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        JsonSchemas.assertValid("tmp", r.stdout());
        assertEquals(List.of(nobodys.resolve("mine.txt").toString()),
                PyJson.lines(r.stdout(), "[e['path'] for e in d['dirs'][0]['removed']]"));
        assertEquals(List.of("other-owner owned by uid 0; only that user or root may sweep it"),
                PyJson.lines(r.stdout(), "[e['reason'] + ' ' + e['detail'] for e in d['dirs'][0]['kept']]"));
        assertEquals("root's, in nobody's directory", Files.readString(nobodys.resolve("roots.txt")));

        Tools.run("touch", "-d", OLD, nobodys.resolve("roots.txt").toString()).orThrow(); // reading it made it fresh
        CliRun asRoot = CliRun.of("tmp", "--dir", nobodys.toString(), "--clean", "--json");
        assertEquals(List.of(nobodys.resolve("roots.txt").toString()),
                PyJson.lines(asRoot.out(), "[e['path'] for e in d['dirs'][0]['removed']]"), asRoot.describe());
    }

    @Test
    void refusesTheRootTheHomeAndALinkAsDir() throws IOException {
        assertEquals(2, CliRun.of("tmp", "--dir", "/", "--clean").exitCode());
        assertEquals(2, CliRun.of("tmp", "--dir", System.getProperty("user.home"), "--clean").exitCode());
        Path link = Files.createSymbolicLink(work.resolve("link-as-dir"), outside);
        CliRun r = CliRun.of("tmp", "--dir", link.toString(), "--clean");
        assertEquals(4, r.exitCode(), r.describe());
        assertTrue(r.err().contains("symbolic link"), r.describe());
        assertEquals(2, CliRun.of("tmp", "--dir", dir.toString(), "--clean", "--dry-run").exitCode());
    }

    @Test
    void countsSizeAndEntriesAsFindDoes() throws Exception {
        CliRun r = CliRun.of("tmp", "--dir", dir.toString(), "--json");
        long entries;
        long bytes = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            entries = all.count();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                bytes += Files.size(p);
            }
        }
        assertEquals(List.of(Long.toString(entries), Long.toString(bytes)),
                PyJson.lines(r.out(), "[d['dirs'][0]['entries'], d['dirs'][0]['fileBytes']]"));
        List<String> fs = PyJson.lines(r.out(), "[d['dirs'][0]['fileSystem']['totalInodes'] is not None]");
        assertEquals(List.of("True"), fs, "statvfs gives inode counts on Linux");
    }

    private List<String> relative(List<String> lines) {
        return lines.stream().map(l -> l.startsWith(dir + "/") ? l.substring(dir.toString().length() + 1) : l).toList();
    }

    /**
     * Every entry under {@code root} by relative path: "dir", and a file's bytes and a link's target (when
     * {@code read}) or their sizes and times (which reading them would change).
     */
    private static Map<String, String> snapshot(Path root, boolean read) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) { // readlink sets a link's access time, as following it does
                    m.put(key, read ? "-> " + Files.readSymbolicLink(p) : "link, " + Files.getAttribute(p, "unix:lastAccessTime",
                            java.nio.file.LinkOption.NOFOLLOW_LINKS));
                } else if (Files.isDirectory(p)) {
                    m.put(key, "dir");
                } else if (read) {
                    m.put(key, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                } else {
                    m.put(key, Files.size(p) + " bytes, " + Files.getAttribute(p, "unix:lastAccessTime") + " "
                            + Files.getLastModifiedTime(p));
                }
            }
        }
        return m;
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static Process ready(ProcessBuilder pb) throws IOException {
        Process p = pb.redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new IOException("holder did not start: " + line);
        }
        return p;
    }
}
