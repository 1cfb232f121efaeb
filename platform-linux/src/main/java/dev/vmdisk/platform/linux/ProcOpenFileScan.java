package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.OpenFileSet;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every file any process holds, in one pass over /proc, as {@link ProcHolderScan} looks for one file:
 * each {@code /proc/PID/fd/N}, {@code cwd} and {@code root} by {@code statx} of the magic link (so a
 * deleted, renamed or chrooted path still matches), and each file-backed line of {@code /proc/PID/maps}.
 * {@code AT_STATX_DONT_SYNC} keeps a stuck network mount from hanging the scan. Processes that exit
 * meanwhile are skipped; those that cannot be read are counted (kernel threads hold no files and are not).
 */
final class ProcOpenFileScan {
    private static final Path PROC = Path.of("/proc");

    private final LinuxLibc libc;
    private final long self;
    private final Memory statx = new Memory(StatxLayout.SIZE);

    ProcOpenFileScan(LinuxLibc libc, long self) {
        this.libc = libc;
        this.self = self;
    }

    OpenFileSet scan() {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            throw new EnvironmentException("cannot tell which files are open: /proc is not mounted (mount -t proc proc /proc)");
        }
        Set<FileId> files = new HashSet<>();
        int unchecked = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC)) {
            for (Path procPid : pids) {
                String name = procPid.getFileName().toString();
                if (!ProcText.isUnsigned31(name) || Long.parseLong(name) == self) {
                    continue;
                }
                if (!scanProcess(procPid, files) && !KernelThreads.is(procPid)) {
                    unchecked++;
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            throw new EnvironmentException("cannot list /proc to see which files are open: " + e.getMessage());
        }
        return new OpenFileSet(files, unchecked, Optional.empty());
    }

    /** Adds what one process holds; false when it could not be read (it exiting meanwhile counts as read). */
    private boolean scanProcess(Path procPid, Set<FileId> files) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(procPid.resolve("fd"))) {
            for (Path link : fds) {
                if (ProcText.isUnsigned31(link.getFileName().toString()) && add(link, files) == Outcome.DENIED) {
                    return false;
                }
            }
        } catch (AccessDeniedException e) {
            return false;
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return true; // the process exited
        }
        add(procPid.resolve("cwd"), files);
        add(procPid.resolve("root"), files);
        ProcFiles.Read maps = ProcFiles.read(procPid.resolve("maps"));
        if (maps.denied()) {
            return false;
        }
        if (maps.ok()) {
            addMapped(maps.text(), files);
        }
        return true;
    }

    private enum Outcome { ADDED, DENIED, SKIPPED }

    private Outcome add(Path link, Set<FileId> files) {
        if (libc.statx(LinuxLibc.AT_FDCWD, link.toString(), LinuxLibc.AT_STATX_DONT_SYNC, LinuxLibc.STATX_INO, statx) != 0) {
            int errno = Native.getLastError();
            return errno == LinuxErrno.EACCES || errno == LinuxErrno.EPERM ? Outcome.DENIED : Outcome.SKIPPED;
        }
        long dev = LinuxDev.encode(statx.getInt(StatxLayout.STX_DEV_MAJOR) & 0xFFFF_FFFFL,
                statx.getInt(StatxLayout.STX_DEV_MINOR) & 0xFFFF_FFFFL);
        files.add(new FileId(dev, statx.getLong(StatxLayout.STX_INO)));
        return Outcome.ADDED;
    }

    /**
     * The files of {@code /proc/PID/maps} lines, {@code address perms offset MAJ:MIN inode path}; inode 0
     * is anonymous memory, the heap or the stack.
     */
    static void addMapped(String maps, Set<FileId> files) {
        for (String line : maps.split("\n")) {
            String[] t = line.split("\\s+", 7);
            if (t.length < 5 || t[4].equals("0") || !ProcText.isUnsigned64(t[4])) {
                continue;
            }
            long dev = LinuxDev.parseHexPair(t[3]);
            if (dev >= 0) {
                files.add(new FileId(dev, Long.parseUnsignedLong(t[4])));
            }
        }
    }
}
