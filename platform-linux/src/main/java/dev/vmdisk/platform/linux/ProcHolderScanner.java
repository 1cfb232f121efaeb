package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.ProcessNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds who holds a file by walking {@code /proc} once, matching device and inode, never paths (a
 * chroot or gVisor's gofer sees other paths): open descriptors ({@code /proc/PID/fd}), mappings
 * ({@code /proc/PID/maps}), and locks ({@code /proc/locks}, whose OFD locks show pid -1 and are tied to
 * their owners through {@code /proc/PID/fdinfo/FD}).
 */
final class ProcHolderScanner {
    private final LinuxLibc libc;
    private final Path proc;

    ProcHolderScanner(LinuxLibc libc, Path proc) {
        this.libc = libc;
        this.proc = proc;
    }

    HolderReport scan(Path file) {
        Statx target = Statx.of(libc, file);
        long self = ProcessHandle.current().pid();
        Map<Long, List<Hold>> holds = new LinkedHashMap<>();
        List<ProcLock> ofdSeenThroughFds = new ArrayList<>();
        int unchecked = 0;
        Memory scratch = new Memory(StatxLayout.SIZE);
        for (long pid : pids()) {
            Path dir = proc.resolve(Long.toString(pid));
            try {
                if (pid == self) {
                    // vmdisk never lists itself, but its own OFD locks must be accounted for, or
                    // /proc/locks would show them as held by an unknown process.
                    scanFds(dir, target, scratch, pid, new LinkedHashMap<>(), ofdSeenThroughFds);
                    continue;
                }
                scanFds(dir, target, scratch, pid, holds, ofdSeenThroughFds);
                scanMaps(dir, target, pid, holds);
            } catch (AccessDeniedException e) {
                unchecked++;
            } catch (NoSuchFileException e) {
                // the process ended during the scan: it holds nothing any more
            } catch (IOException e) {
                unchecked++;
            }
        }
        addLocksFromProcLocks(target, self, holds, ofdSeenThroughFds);
        List<Holder> holders = new ArrayList<>();
        holds.forEach((pid, list) -> holders.add(describe(pid, list)));
        return new HolderReport(file, holders, unchecked, libc.geteuid() == 0);
    }

    private void scanFds(Path dir, Statx target, Memory scratch, long pid, Map<Long, List<Hold>> holds,
                         List<ProcLock> ofdSeen) throws IOException {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path fd : fds) {
                Optional<Statx> st = Statx.tryOf(libc, fd.toString(), scratch);
                if (st.isEmpty() || !st.get().sameFile(target)) {
                    continue;
                }
                String name = fd.getFileName().toString();
                FdInfo info = readFdInfo(dir.resolve("fdinfo").resolve(name));
                add(holds, pid, new Hold(HoldKind.OPEN, "fd " + name + (info.mode().isEmpty() ? "" : " (" + info.mode() + ")")));
                for (ProcLock lock : info.locks()) {
                    if (lock.kind() == HoldKind.OFD_LOCK && lock.isOn(target)) {
                        add(holds, pid, new Hold(HoldKind.OFD_LOCK, lock.detail()));
                        ofdSeen.add(lock);
                    }
                }
            }
        }
    }

    private static FdInfo readFdInfo(Path fdinfo) {
        try {
            return FdInfo.parse(Files.readString(fdinfo, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new FdInfo("", List.of()); // closed meanwhile: the open is still worth reporting
        }
    }

    private static void scanMaps(Path dir, Statx target, long pid, Map<Long, List<Hold>> holds) throws IOException {
        long regions;
        try (var lines = Files.lines(dir.resolve("maps"), StandardCharsets.UTF_8)) {
            regions = lines.filter(l -> ProcMaps.maps(l, target)).count();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        if (regions > 0) {
            add(holds, pid, new Hold(HoldKind.MAPPED, regions + (regions == 1 ? " region" : " regions")));
        }
    }

    /**
     * flock and POSIX locks name their process in /proc/locks, even one whose descriptors could not be
     * read. OFD locks show pid -1: those not already tied to an owner through fdinfo are reported with
     * pid -1, so an image locked by an unseen process is never called free.
     */
    private void addLocksFromProcLocks(Statx target, long self, Map<Long, List<Hold>> holds, List<ProcLock> ofdSeen) {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve("locks"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return; // no /proc/locks (unusual kernels): descriptors and mappings still found
        }
        List<ProcLock> ofdUnmatched = new ArrayList<>(ofdSeen);
        for (String line : lines) {
            Optional<ProcLock> parsed = ProcLock.parse(line);
            if (parsed.isEmpty() || !parsed.get().isOn(target)) {
                continue;
            }
            ProcLock lock = parsed.get();
            if (lock.kind() == HoldKind.OFD_LOCK) {
                if (!ofdUnmatched.remove(lock)) {
                    add(holds, -1L, new Hold(HoldKind.OFD_LOCK, lock.detail() + " (owner not visible)"));
                }
            } else if (lock.pid() != self) {
                add(holds, lock.pid(), new Hold(lock.kind(), lock.detail()));
            }
        }
    }

    private static void add(Map<Long, List<Hold>> holds, long pid, Hold hold) {
        holds.computeIfAbsent(pid, k -> new ArrayList<>()).add(hold);
    }

    private Holder describe(long pid, List<Hold> holds) {
        if (pid < 0) {
            return new Holder(pid, "unknown", "", holds);
        }
        Path dir = proc.resolve(Long.toString(pid));
        String exe = readLink(dir.resolve("exe"));
        List<String> argv = readCmdline(dir.resolve("cmdline"));
        String comm = readFirstLine(dir.resolve("comm"));
        return new Holder(pid, ProcessNames.describe(exe, argv, comm), String.join(" ", argv), holds);
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(n));
                }
            }
        } catch (IOException e) {
            throw new dev.vmdisk.io.EnvironmentException(proc + ": cannot list processes: " + e.getMessage(), e);
        }
        return pids;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static List<String> readCmdline(Path cmdline) {
        try {
            String s = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            return Arrays.stream(s.split("\0")).filter(a -> !a.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String readFirstLine(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
