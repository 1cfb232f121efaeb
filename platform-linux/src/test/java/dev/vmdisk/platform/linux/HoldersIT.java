package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.testdata.Fixtures;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.AfterEach;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real child processes holding a file in each way; each must be found by pid, and none once gone. */
@EnabledOnOs(OS.LINUX)
class HoldersIT {
    private final NativeFs fs = new LinuxNativeFsProvider().create();
    private final List<Process> children = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessWithTheFileOpenIsFoundAndGoneAfterItExits() throws Exception {
        Path img = Fixtures.emptySparse(dir, "a.img", 1 << 20);
        Process p = start("sh", "-c", "exec 3<\"$0\"; echo ready; exec sleep 60", img.toString());
        Holder h = holderOf(fs.holders(img), p.pid()).orElseThrow(() -> new AssertionError("not found"));
        assertTrue(h.holds().stream().anyMatch(x -> x.kind() == HoldKind.OPEN && x.detail().equals("fd 3 (read-only)")), h.toString());
        assertEquals("sleep", h.name());
        stop(p);
        assertFalse(fs.holders(img).held(), fs.holders(img).toString());
    }

    @Test
    void aFlockIsFoundWithItsLockKind() throws Exception {
        Tools.require("flock");
        Path img = Fixtures.emptySparse(dir, "b.img", 1 << 20);
        Process p = start("flock", img.toString(), "sh", "-c", "echo ready; exec sleep 60");
        HolderReport r = fs.holders(img);
        Holder h = holderOf(r, p.pid()).orElseThrow(() -> new AssertionError(r.toString()));
        assertTrue(h.holds().stream().anyMatch(x -> x.kind() == HoldKind.FLOCK), h.toString());
        stop(p);
        assertFalse(fs.holders(img).held());
    }

    @Test
    void anOfdLockOnByte100AsQemuTakesItIsFoundWithTheRightPid() throws Exception {
        Tools.require("python3");
        Path img = Fixtures.emptySparse(dir, "c.img", 1 << 20);
        Process p = start("python3", "-c", String.join("\n",
                "import fcntl, os, struct, sys, time",
                "fd = os.open(sys.argv[1], os.O_RDONLY)",
                "fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack('hhqqi4x', fcntl.F_RDLCK, 0, 100, 1, 0))",
                "print('ready', flush=True)",
                "time.sleep(60)"), img.toString());
        HolderReport r = fs.holders(img);
        Holder h = holderOf(r, p.pid()).orElseThrow(() -> new AssertionError(r.toString()));
        assertTrue(h.holds().stream().anyMatch(x -> x.kind() == HoldKind.OFD_LOCK && x.detail().equals("read lock 100-100")),
                h.toString());
        assertTrue(r.holders().stream().noneMatch(x -> x.pid() < 0), "OFD owner not tied to its pid: " + r);
        stop(p);
        assertFalse(fs.holders(img).held());
    }

    @Test
    void aMappingWithoutAnOpenDescriptorIsFound() throws Exception {
        Tools.require("python3");
        Path img = Fixtures.emptySparse(dir, "d.img", 1 << 20);
        Process p = start("python3", "-c", String.join("\n",
                "import ctypes, os, sys, time",
                "libc = ctypes.CDLL(None, use_errno=True)",
                "libc.mmap.restype = ctypes.c_void_p",
                "libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]",
                "fd = os.open(sys.argv[1], os.O_RDONLY)",
                "addr = libc.mmap(None, 4096, 1, 1, fd, 0)  # PROT_READ, MAP_SHARED; python's mmap would keep a dup fd",
                "assert addr not in (None, ctypes.c_void_p(-1).value)",
                "os.close(fd)",
                "print('ready', flush=True)",
                "time.sleep(60)"), img.toString());
        HolderReport r = fs.holders(img);
        Holder h = holderOf(r, p.pid()).orElseThrow(() -> new AssertionError(r.toString()));
        assertEquals(List.of(HoldKind.MAPPED), h.holds().stream().map(x -> x.kind()).toList(), h.toString());
        stop(p);
        assertFalse(fs.holders(img).held());
    }

    @Test
    void aHolderThroughAnotherPathIsFoundByInode() throws Exception {
        Path img = Fixtures.emptySparse(dir, "e.img", 1 << 20);
        Path link = Files.createLink(dir.resolve("other-name.img"), img);
        Process p = start("sh", "-c", "exec 3<>\"$0\"; echo ready; exec sleep 60", link.toString());
        Holder h = holderOf(fs.holders(img), p.pid()).orElseThrow(() -> new AssertionError("not found by inode"));
        assertEquals("fd 3 (read-write)", h.holds().get(0).detail());
    }

    @Test
    void aFileNobodyHoldsHasNoHoldersAndTheScannerNeverListsItself() throws IOException {
        Path img = Fixtures.emptySparse(dir, "f.img", 1 << 20);
        try (var f = fs.open(img, dev.vmdisk.io.nativefs.Access.READ_WRITE); var lock = f.lockExclusive()) {
            assertFalse(fs.holders(img).held(), "vmdisk's own descriptor and locks must not count: " + fs.holders(img));
        }
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            throw new AssertionError("child did not start: " + line);
        }
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    private static Optional<Holder> holderOf(HolderReport r, long pid) {
        return r.holders().stream().filter(h -> h.pid() == pid).findFirst();
    }
}
