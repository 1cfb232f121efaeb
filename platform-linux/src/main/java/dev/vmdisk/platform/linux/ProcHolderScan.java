package dev.vmdisk.platform.linux;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who holds a file, in one pass over /proc: each process's descriptors ({@link ProcFdScanner}),
 * the locks held through them (fdinfo, {@link FdInfo}) and its mappings ({@link ProcMaps}).
 * /proc/locks adds the locks of processes whose descriptors could not be read, since it names
 * their pid to everyone (except OFD locks, pid -1). Loop devices backed by the file ({@link LoopDevices})
 * are holders too. Processes that exit during the scan are skipped;
 * processes that could not be read are counted, never dropped.
 */
final class ProcHolderScan {
    private static final Path PROC = Path.of("/proc");

    private final LinuxLibc libc;
    private final long self;

    ProcHolderScan(LinuxLibc libc, long self) {
        this.libc = libc;
        this.self = self;
    }

    HolderReport scan(Path path) {
        FileId file = Statx.of(libc, path).id();
        if (!Files.isDirectory(PROC.resolve("self"))) {
            throw new EnvironmentException(path + ": cannot look for holders: /proc is not mounted (mount -t proc proc /proc)");
        }
        ProcFdScanner fdScanner = new ProcFdScanner(libc);
        Map<Long, Set<Hold>> holds = new TreeMap<>();
        Set<Long> unchecked = new HashSet<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC)) {
            for (Path procPid : pids) {
                String name = procPid.getFileName().toString();
                if (!ProcText.isUnsigned31(name) || Long.parseLong(name) == self) {
                    continue;
                }
                long pid = Long.parseLong(name);
                Set<Hold> found = new LinkedHashSet<>();
                switch (scanProcess(fdScanner, procPid, file, found)) {
                    case DENIED -> {
                        if (!KernelThreads.is(procPid)) {
                            unchecked.add(pid);
                        }
                    }
                    case GONE -> found.clear();
                    case CHECKED -> { }
                }
                if (!found.isEmpty()) {
                    holds.put(pid, found);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            throw new EnvironmentException(path + ": cannot list /proc to look for holders: " + e.getMessage());
        }
        for (ProcLock lock : ProcLocks.parse(ProcFiles.readOrEmpty(PROC.resolve("locks")))) {
            if (lock.file().equals(file) && unchecked.contains(lock.pid())) {
                holds.computeIfAbsent(lock.pid(), p -> new LinkedHashSet<>()).add(lock.hold());
            }
        }
        List<Holder> holders = new ArrayList<>();
        holds.forEach((pid, h) -> {
            ProcIdentity who = ProcIdentity.of(PROC.resolve(Long.toString(pid)));
            holders.add(new Holder(pid, who.name(), who.command(), new ArrayList<>(h)));
        });
        holders.addAll(new LoopDevices(libc).holding(file));
        return new HolderReport(path, holders, unchecked.size(), libc.geteuid() == 0);
    }

    /** Adds the process's holds of {@code file} to {@code found}; says whether it could be read. */
    private static ProcFdScanner.Status scanProcess(ProcFdScanner fdScanner, Path procPid, FileId file, Set<Hold> found) {
        ProcFdScanner.Result fds = fdScanner.scan(procPid, file);
        if (fds.status() != ProcFdScanner.Status.CHECKED) {
            return fds.status();
        }
        List<Hold> locks = new ArrayList<>();
        for (int fd : fds.fds()) {
            ProcFiles.Read info = ProcFiles.read(procPid.resolve("fdinfo").resolve(Integer.toString(fd)));
            if (!info.ok()) {
                continue; // closed since it was listed
            }
            FdInfo fdInfo = FdInfo.parse(info.text());
            found.add(new Hold(HoldKind.OPEN, "fd " + fd + " (" + fdInfo.accessWord() + ")"));
            for (ProcLock lock : fdInfo.locks()) {
                if (lock.file().equals(file)) {
                    locks.add(lock.hold());
                }
            }
        }
        ProcFiles.Read maps = ProcFiles.read(procPid.resolve("maps"));
        if (maps.denied()) {
            return ProcFdScanner.Status.DENIED;
        }
        if (maps.ok()) {
            ProcMaps.mappingOf(maps.text(), file).ifPresent(found::add);
        }
        found.addAll(locks);
        return ProcFdScanner.Status.CHECKED;
    }
}
