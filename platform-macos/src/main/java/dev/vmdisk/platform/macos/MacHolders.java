package dev.vmdisk.platform.macos;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.binary.Le;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.ProcessNames;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the processes holding a file open or mapped, the way lsof and Apple's {@code proc_listpidspath} do
 * on macOS: list every pid, list each one's descriptors and match each vnode descriptor's device and inode
 * against the file's, then walk its mapped regions for the same. Other users' processes refuse
 * {@code PROC_PIDLISTFDS} with EPERM unless vmdisk runs as root; they are counted in
 * {@link HolderReport#unchecked()}, never dropped silently, and so is a process any of whose queries failed
 * for another reason: a process that could not be looked at fully is never reported as not holding.
 *
 * <p>Known gaps: fileports (descriptors in flight over Mach ports) are not walked, and the command line is
 * the executable's path, not argv. Under Virtualization.framework the image is held open by the XPC service
 * {@code com.apple.Virtualization.VirtualMachine}, which this does find.
 */
final class MacHolders {
    /** Room for descriptors and processes that appear between the sizing call and the real one. */
    private static final int SLACK_ENTRIES = 64;
    private static final int MAX_TRIES = 4;
    /** A bound on the region walk, far above any real process (a confused answer must not loop for ever). */
    static final int MAX_REGIONS = 1 << 20;

    private final MacLibc libc;
    private final MacLibproc proc;

    MacHolders(MacLibc libc, MacLibproc proc) {
        this.libc = libc;
        this.proc = proc;
    }

    HolderReport scan(Path path, FileId target, long selfPid) {
        List<Holder> holders = new ArrayList<>();
        int unchecked = 0;
        Memory info = new Memory(VnodeFdInfoWithPath.SIZE);
        for (int pid : listPids(path)) {
            if (pid == selfPid) {
                continue;
            }
            List<ProcFdInfo> fds = listFds(pid);
            if (fds == null) {
                unchecked++;
                continue;
            }
            List<Hold> holds = new ArrayList<>();
            boolean complete = true;
            for (ProcFdInfo fd : fds) {
                if (!fd.isVnode()) {
                    continue;
                }
                Native.setLastError(0);
                int got = proc.proc_pidfdinfo(pid, fd.fd(), MacLibproc.PROC_PIDFDVNODEPATHINFO, info, VnodeFdInfoWithPath.SIZE);
                if (got < VnodeFdInfoWithPath.SIZE) {
                    complete &= closedSinceListed(got, Native.getLastError());
                    continue;
                }
                holdOf(fd.fd(), VnodeFdInfoWithPath.decode(info.getByteBuffer(0, VnodeFdInfoWithPath.SIZE)), target)
                        .ifPresent(holds::add);
            }
            complete &= mappings(pid, target, holds);
            if (!complete) {
                unchecked++;
            }
            if (!holds.isEmpty()) {
                holders.add(holder(pid, pidPath(pid), procName(pid), holds));
            }
        }
        return new HolderReport(path, holders, unchecked, libc.geteuid() == 0);
    }

    /**
     * Whether a per-descriptor query that gave less than the struct failed only because the descriptor is
     * gone (closed between the listing and the query: ENOENT, or EBADF from xnu's {@code fp_lookup}). Any
     * other answer leaves the process unchecked, never "closed".
     */
    static boolean closedSinceListed(int got, int errno) {
        return got <= 0 && (errno == MacErrno.ENOENT || errno == MacErrno.EBADF);
    }

    /**
     * Adds a hold for each region of {@code pid} that maps {@code target}, walking the regions as Apple's
     * {@code proc_listpidspath} does (each answer is the region at or after the address asked; the next
     * address is its end), so a process that mapped the image and closed its descriptor still holds it.
     *
     * @return false when the walk ended on an error other than the end of the regions (ESRCH or EINVAL)
     */
    boolean mappings(int pid, FileId target, List<Hold> holds) {
        Memory m = new Memory(RegionWithPathInfo.SIZE);
        long address = 0;
        long count = 0;
        long bytes = 0;
        String protections = "";
        boolean complete = true;
        for (int i = 0; i < MAX_REGIONS; i++) {
            Native.setLastError(0);
            int got = proc.proc_pidinfo(pid, MacLibproc.PROC_PIDREGIONPATHINFO, address, m, RegionWithPathInfo.SIZE);
            if (got < RegionWithPathInfo.SIZE) {
                int errno = Native.getLastError();
                complete = got <= 0 && (errno == MacErrno.ESRCH || errno == MacErrno.EINVAL);
                break;
            }
            RegionWithPathInfo region = RegionWithPathInfo.decode(m.getByteBuffer(0, RegionWithPathInfo.SIZE));
            if (region.sameFile(target)) {
                count++;
                bytes += region.size();
                if (!protections.contains(region.protectionWord())) {
                    protections += (protections.isEmpty() ? "" : ", ") + region.protectionWord();
                }
            }
            if (region.end() <= address) {
                complete = false; // went backwards or stood still: stop rather than loop
                break;
            }
            address = region.end();
            if (i == MAX_REGIONS - 1) {
                complete = false;
            }
        }
        if (count > 0) {
            holds.add(new Hold(HoldKind.MAPPED, count + (count == 1 ? " mapping" : " mappings") + " (" + protections + "), "
                    + bytes + " bytes"));
        }
        return complete;
    }

    /** Every pid on the system; proc_listpids may leave zeros at the end of the buffer. */
    private int[] listPids(Path path) {
        Native.setLastError(0);
        int need = proc.proc_listpids(MacLibproc.PROC_ALL_PIDS, 0, null, 0);
        int errno = Native.getLastError();
        for (int tries = 0; need > 0 && tries < MAX_TRIES; tries++) {
            int cap = need + SLACK_ENTRIES * Integer.BYTES;
            Memory m = new Memory(cap);
            Native.setLastError(0);
            int got = proc.proc_listpids(MacLibproc.PROC_ALL_PIDS, 0, m, cap);
            errno = Native.getLastError();
            if (got <= 0) {
                break;
            }
            if (got < cap) {
                return pids(m.getByteBuffer(0, cap), got);
            }
            errno = 0;
            need = cap * 2; // the buffer filled up: more processes than estimated
        }
        // errno is the failed call's own, read right after it; 0 means every try filled the buffer
        throw new EnvironmentException(path + ": proc_listpids failed: "
                + (errno != 0 ? libc.strerror(errno) : "the process list kept growing past the buffer")
                + " (cannot list processes to find who holds the file)");
    }

    /**
     * The process's descriptors, or {@code null} when they could not all be listed: another user's process
     * without root (EPERM), any other failure, or a list that still filled the buffer after the last retry.
     * The kernel truncates the list to the buffer without saying so, so an answer that fills it is retried
     * with a bigger one, as Apple's {@code proc_listpidspath} does. A process gone meanwhile (ESRCH) holds nothing.
     */
    List<ProcFdInfo> listFds(int pid) {
        Native.setLastError(0); // 0 is both "no descriptors" and "failed": only errno tells them apart
        int need = proc.proc_pidinfo(pid, MacLibproc.PROC_PIDLISTFDS, 0, null, 0);
        if (need <= 0) {
            return emptyOrUnchecked(Native.getLastError());
        }
        int cap = need + SLACK_ENTRIES * ProcFdInfo.SIZE;
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            Memory m = new Memory(cap);
            Native.setLastError(0);
            int got = proc.proc_pidinfo(pid, MacLibproc.PROC_PIDLISTFDS, 0, m, cap);
            if (got <= 0) {
                return emptyOrUnchecked(Native.getLastError());
            }
            if (got + ProcFdInfo.SIZE <= cap) {
                return ProcFdInfo.decodeAll(m.getByteBuffer(0, cap), got);
            }
            cap *= 2; // no room left for one more entry: the list may have been cut, ask again
        }
        return null;
    }

    /** After an answer of 0: no descriptors (errno 0) or a process gone (ESRCH) is empty; anything else unchecked. */
    private static List<ProcFdInfo> emptyOrUnchecked(int errno) {
        return errno == 0 || errno == MacErrno.ESRCH ? List.of() : null;
    }

    /** The executable's path, or "" when the process is gone. Works on any user's process. */
    private String pidPath(int pid) {
        Memory m = new Memory(MacLibproc.PROC_PIDPATHINFO_MAXSIZE);
        int n = proc.proc_pidpath(pid, m, MacLibproc.PROC_PIDPATHINFO_MAXSIZE);
        return n > 0 ? CStrings.read(m.getByteBuffer(0, MacLibproc.PROC_PIDPATHINFO_MAXSIZE), 0, n) : "";
    }

    /** pbi_name (31 characters) or pbi_comm (15), or "". */
    private String procName(int pid) {
        int size = 256;
        Memory m = new Memory(size);
        int n = proc.proc_name(pid, m, size);
        return n > 0 ? CStrings.read(m.getByteBuffer(0, size), 0, n) : "";
    }

    // ---- pure pieces, tested on any OS with hand-built buffers ----

    /** The non-zero pids in the first {@code bytes} bytes of a proc_listpids buffer. */
    static int[] pids(ByteBuffer b, int bytes) {
        int n = Math.max(0, Math.min(bytes, b.limit())) / Integer.BYTES;
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int pid = (int) Le.u32(b, i * Integer.BYTES);
            if (pid > 0) {
                out[k++] = pid;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * The hold descriptor {@code fd} has on {@code target}, if it is the same file (device and inode): a
     * {@link HoldKind#WATCH} for an {@code O_EVTONLY} descriptor, else {@link HoldKind#OPEN}.
     */
    static Optional<Hold> holdOf(int fd, VnodeFdInfoWithPath info, FileId target) {
        if (!info.sameFile(target)) {
            return Optional.empty();
        }
        if (info.eventsOnly()) {
            return Optional.of(new Hold(HoldKind.WATCH, "fd " + fd + " (events only, O_EVTONLY: a file watcher; does not block)"));
        }
        return Optional.of(new Hold(HoldKind.OPEN, "fd " + fd + " (" + info.access() + ")"));
    }

    /** One holder, named from its executable's path, else from libproc's short name. */
    static Holder holder(long pid, String executable, String shortName, List<Hold> holds) {
        return new Holder(pid, ProcessNames.describe(executable, List.of(), shortName), executable, holds);
    }
}
