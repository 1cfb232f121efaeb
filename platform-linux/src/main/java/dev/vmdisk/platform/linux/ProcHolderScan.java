package dev.vmdisk.platform.linux;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.VmdiskException;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * processes that could not be read are counted, never dropped. Several files are looked for in the
 * same pass ({@link #scanAll}): a bundle of 3,000 images costs one walk of /proc, not 3,000.
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
        return report(path, file, scanIds(path, Set.of(file)));
    }

    /**
     * The holders of each path, in one pass. A path that cannot be looked at (gone, not allowed) has no
     * entry: {@link #scan} of it alone says why.
     */
    Map<Path, HolderReport> scanAll(List<Path> paths) {
        Map<Path, FileId> ids = new LinkedHashMap<>();
        for (Path p : paths) {
            try {
                ids.put(p, Statx.of(libc, p).id());
            } catch (VmdiskException e) {
                // left out; its own scan reports the error
            }
        }
        Map<Path, HolderReport> reports = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return reports;
        }
        Found found = scanIds(ids.keySet().iterator().next(), new HashSet<>(ids.values()));
        ids.forEach((p, id) -> reports.put(p, report(p, id, found)));
        return reports;
    }

    /** What one pass found: by file, the holds of each pid; the pids that could not be read; the loop devices. */
    private record Found(Map<FileId, Map<Long, Set<Hold>>> holds, Set<Long> unchecked, Map<FileId, List<Holder>> loops) {
    }

    private Found scanIds(Path forMessages, Set<FileId> files) {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            throw new EnvironmentException(forMessages + ": cannot look for holders: /proc is not mounted (mount -t proc proc /proc)");
        }
        ProcFdScanner fdScanner = new ProcFdScanner(libc);
        Map<FileId, Map<Long, Set<Hold>>> holds = new HashMap<>();
        Set<Long> unchecked = new HashSet<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC)) {
            for (Path procPid : pids) {
                String name = procPid.getFileName().toString();
                if (!ProcText.isUnsigned31(name) || Long.parseLong(name) == self) {
                    continue;
                }
                long pid = Long.parseLong(name);
                Map<FileId, Set<Hold>> found = new HashMap<>();
                switch (scanProcess(fdScanner, procPid, files, found)) {
                    case DENIED -> {
                        if (!KernelThreads.is(procPid)) {
                            unchecked.add(pid);
                        }
                    }
                    case GONE -> found.clear();
                    case CHECKED -> { }
                }
                found.forEach((file, h) -> {
                    if (!h.isEmpty()) {
                        holds.computeIfAbsent(file, f -> new TreeMap<>()).put(pid, h);
                    }
                });
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            throw new EnvironmentException(forMessages + ": cannot list /proc to look for holders: " + e.getMessage());
        }
        for (ProcLock lock : ProcLocks.parse(ProcFiles.readOrEmpty(PROC.resolve("locks")))) {
            if (files.contains(lock.file()) && unchecked.contains(lock.pid())) {
                holds.computeIfAbsent(lock.file(), f -> new TreeMap<>())
                        .computeIfAbsent(lock.pid(), p -> new LinkedHashSet<>()).add(lock.hold());
            }
        }
        return new Found(holds, unchecked, new LoopDevices(libc).holding(files));
    }

    private HolderReport report(Path path, FileId file, Found found) {
        List<Holder> holders = new ArrayList<>();
        found.holds().getOrDefault(file, Map.of()).forEach((pid, h) -> {
            ProcIdentity who = ProcIdentity.of(PROC.resolve(Long.toString(pid)));
            holders.add(new Holder(pid, who.name(), who.command(), new ArrayList<>(h)));
        });
        holders.addAll(found.loops().getOrDefault(file, List.of()));
        return new HolderReport(path, holders, found.unchecked().size(), libc.geteuid() == 0);
    }

    /** Adds the process's holds of each of {@code files} to {@code found}; says whether it could be read. */
    private static ProcFdScanner.Status scanProcess(ProcFdScanner fdScanner, Path procPid, Set<FileId> files,
                                                    Map<FileId, Set<Hold>> found) {
        ProcFdScanner.Result fds = fdScanner.scan(procPid, files);
        if (fds.status() != ProcFdScanner.Status.CHECKED) {
            return fds.status();
        }
        Map<FileId, List<Hold>> locks = new HashMap<>();
        for (ProcFdScanner.Match m : fds.matches()) {
            ProcFiles.Read info = ProcFiles.read(procPid.resolve("fdinfo").resolve(Integer.toString(m.fd())));
            if (!info.ok()) {
                continue; // closed since it was listed
            }
            FdInfo fdInfo = FdInfo.parse(info.text());
            found.computeIfAbsent(m.file(), f -> new LinkedHashSet<>())
                    .add(new Hold(HoldKind.OPEN, "fd " + m.fd() + " (" + fdInfo.accessWord() + ")"));
            for (ProcLock lock : fdInfo.locks()) {
                if (lock.file().equals(m.file())) {
                    locks.computeIfAbsent(m.file(), f -> new ArrayList<>()).add(lock.hold());
                }
            }
        }
        ProcFiles.Read maps = ProcFiles.read(procPid.resolve("maps"));
        if (maps.denied()) {
            return ProcFdScanner.Status.DENIED;
        }
        if (maps.ok()) {
            ProcMaps.mappingsOf(maps.text(), files).forEach((file, hold) ->
                    found.computeIfAbsent(file, f -> new LinkedHashSet<>()).add(hold));
        }
        locks.forEach((file, l) -> found.computeIfAbsent(file, f -> new LinkedHashSet<>()).addAll(l));
        return ProcFdScanner.Status.CHECKED;
    }
}
