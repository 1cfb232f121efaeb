package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.vmdisk.io.nativefs.FileId;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds a process's descriptors that refer to one file, by {@code statx} of each
 * {@code /proc/PID/fd/N} magic link (which follows it to the open file, wherever its path now is or
 * whatever root the process sees). {@code AT_STATX_DONT_SYNC} keeps a network or FUSE file system
 * from being asked, so one stuck mount cannot hang the scan. Not thread-safe: one buffer is reused.
 */
final class ProcFdScanner {
    /** What one process's descriptor table gave. */
    enum Status {
        /** Every descriptor was checked; {@link Result#fds()} are those of the file. */
        CHECKED,
        /** Not allowed to look (another user's process, without root). */
        DENIED,
        /** The process exited during the scan. */
        GONE
    }

    /** A descriptor that refers to one of the files asked about. */
    record Match(int fd, FileId file) {
    }

    record Result(Status status, List<Match> matches) {
        static final Result DENIED = new Result(Status.DENIED, List.of());
        static final Result GONE = new Result(Status.GONE, List.of());
    }

    private final LinuxLibc libc;
    private final Memory statx = new Memory(StatxLayout.SIZE);

    ProcFdScanner(LinuxLibc libc) {
        this.libc = libc;
    }

    /** The process's descriptors that refer to any of {@code files} (one statx per descriptor however many files). */
    Result scan(Path procPid, Set<FileId> files) {
        List<Match> found = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(procPid.resolve("fd"))) {
            for (Path link : fds) {
                String name = link.getFileName().toString();
                if (!ProcText.isUnsigned31(name)) {
                    continue;
                }
                if (libc.statx(LinuxLibc.AT_FDCWD, link.toString(), LinuxLibc.AT_STATX_DONT_SYNC, LinuxLibc.STATX_INO, statx) != 0) {
                    int errno = Native.getLastError();
                    if (errno == LinuxErrno.EACCES || errno == LinuxErrno.EPERM) {
                        return Result.DENIED;
                    }
                    continue; // ENOENT: closed meanwhile; anything else: not a file we can match
                }
                long dev = LinuxDev.encode(statx.getInt(StatxLayout.STX_DEV_MAJOR) & 0xFFFF_FFFFL,
                        statx.getInt(StatxLayout.STX_DEV_MINOR) & 0xFFFF_FFFFL);
                FileId id = new FileId(dev, statx.getLong(StatxLayout.STX_INO));
                if (files.contains(id)) {
                    found.add(new Match(Integer.parseInt(name), id));
                }
            }
        } catch (AccessDeniedException e) {
            return Result.DENIED;
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return Result.GONE; // NoSuchFileException or ESRCH while listing: the process exited
        }
        return new Result(Status.CHECKED, found);
    }
}
