package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.testdata.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The struct offsets in StatxLayout, StatvfsLayout and FlockLayout, checked against real calls and tools. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "calls Linux glibc")
class LinuxLayoutTest {
    private final LinuxLibc libc = LinuxLibc.INSTANCE;
    private final LinuxNativeFs fs = new LinuxNativeFs(libc);

    @TempDir
    Path dir;

    private static long stat(String format, Path p) {
        return Long.parseLong(Tools.run("stat", "-c", format, p.toString()).orThrow().stdout().strip());
    }

    private static long statFs(String format, Path p) {
        return Long.parseLong(Tools.run("stat", "-f", "-c", format, p.toString()).orThrow().stdout().strip());
    }

    @Test
    void statxFieldsMatchStat() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[123_457]);
        Statx st = Statx.of(libc, f);
        assertEquals(Files.size(f), st.size());
        assertEquals(stat("%b", f), st.blocks512());
        assertEquals(stat("%i", f), st.inode());
        assertEquals(stat("%d", f), st.id().device());
        assertEquals(Integer.parseInt(Tools.run("stat", "-c", "%f", f.toString()).orThrow().stdout().strip(), 16), st.mode());
        assertTrue(st.isRegularFile());
        assertFalse(st.isDirectory());
        assertTrue(Statx.of(libc, dir).isDirectory());
    }

    @Test
    void statxThroughTheDescriptorMatchesThePath() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[5000]);
        try (LinuxNativeFile file = (LinuxNativeFile) fs.open(f, Access.READ_ONLY)) {
            assertEquals(Statx.of(libc, f), Statx.of(libc, f, file.fd()));
        }
    }

    @Test
    void statvfsFieldsMatchStatF() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[1]);
        try (var file = fs.open(f, Access.READ_ONLY)) {
            Memory m = new Memory(StatvfsLayout.SIZE);
            assertEquals(0, libc.fstatvfs(((LinuxNativeFile) file).fd(), m));
            assertEquals(statFs("%s", f), m.getLong(StatvfsLayout.F_BSIZE));
            assertEquals(statFs("%S", f), m.getLong(StatvfsLayout.F_FRSIZE));
            assertEquals(statFs("%s", f), file.fsBlockSize());
            // free space moves while other programs write: equal within 256 MiB
            long free = statFs("%a", f) * statFs("%S", f);
            assertTrue(Math.abs(free - file.fsFreeBytes()) < 256L << 20, free + " vs " + file.fsFreeBytes());
        }
    }

    @Test
    void flockStructSetsTheRangeAndTypeTheKernelShows() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[4096]);
        try (var file = fs.open(f, Access.READ_WRITE)) {
            Memory fl = LinuxNativeFile.ofdLock(LinuxLibc.F_WRLCK);
            fl.setLong(FlockLayout.L_START, 100);
            fl.setLong(FlockLayout.L_LEN, 4);
            assertEquals(0, libc.fcntl(((LinuxNativeFile) file).fd(), LinuxLibc.F_OFD_SETLK, fl));
            FileId id = file.id();
            List<ProcLock> mine = ProcLocks.parse(Files.readString(Path.of("/proc/locks"))).stream()
                    .filter(l -> l.file().equals(id)).toList();
            assertEquals(List.of(new ProcLock(HoldKind.OFD_LOCK, true, -1, id, 100, 103)), mine);
        }
    }
}
