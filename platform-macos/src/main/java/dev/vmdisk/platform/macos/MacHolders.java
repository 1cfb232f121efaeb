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
 * Finds the processes holding a file open, the way lsof does on macOS: list every pid, list each one's
 * descriptors, and match each vnode descriptor's device and inode against the file's.
 * Other users' processes refuse {@code PROC_PIDLISTFDS} with EPERM unless vmdisk runs as root; they are
 * counted in {@link HolderReport#unchecked()}, never dropped silently.
 *
 * <p>Known gaps: memory mappings and fileports (descriptors in flight over Mach ports) are not walked,
 * and the command line is the executable's path, not argv. Under Virtualization.framework the image is
 * held open by the XPC service {@code com.apple.Virtualization.VirtualMachine}, which this does find.
 */
final class MacHolders {
    /** Room for descriptors and processes that appear between the sizing call and the real one. */
    private static final int SLACK_ENTRIES = 64;
    private static final int MAX_TRIES = 4;

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
            for (ProcFdInfo fd : fds) {
                if (!fd.isVnode()) {
                    continue;
                }
                int got = proc.proc_pidfdinfo(pid, fd.fd(), MacLibproc.PROC_PIDFDVNODEPATHINFO, info, VnodeFdInfoWithPath.SIZE);
                if (got < VnodeFdInfoWithPath.SIZE) {
                    continue; // closed since it was listed
                }
                holdOf(fd.fd(), VnodeFdInfoWithPath.decode(info.getByteBuffer(0, VnodeFdInfoWithPath.SIZE)), target)
                        .ifPresent(holds::add);
            }
            if (!holds.isEmpty()) {
                holders.add(holder(pid, pidPath(pid), procName(pid), holds));
            }
        }
        return new HolderReport(path, holders, unchecked, libc.geteuid() == 0);
    }

    /** Every pid on the system; proc_listpids may leave zeros at the end of the buffer. */
    private int[] listPids(Path path) {
        int need = proc.proc_listpids(MacLibproc.PROC_ALL_PIDS, 0, null, 0);
        for (int tries = 0; need > 0 && tries < MAX_TRIES; tries++) {
            int cap = need + SLACK_ENTRIES * Integer.BYTES;
            Memory m = new Memory(cap);
            int got = proc.proc_listpids(MacLibproc.PROC_ALL_PIDS, 0, m, cap);
            if (got <= 0) {
                break;
            }
            if (got < cap) {
                return pids(m.getByteBuffer(0, cap), got);
            }
            need = cap * 2; // the buffer filled up: more processes than estimated
        }
        throw new EnvironmentException(path + ": proc_listpids failed: "
                + libc.strerror(Native.getLastError()) + " (cannot list processes to find who holds the file)");
    }

    /** The process's descriptors, or {@code null} when it may not be inspected (another user's, without root). */
    private List<ProcFdInfo> listFds(int pid) {
        Native.setLastError(0); // 0 is both "no descriptors" and "failed": only errno tells them apart
        int need = proc.proc_pidinfo(pid, MacLibproc.PROC_PIDLISTFDS, 0, null, 0);
        if (need <= 0) {
            return denied(Native.getLastError()) ? null : List.of();
        }
        int cap = need + SLACK_ENTRIES * ProcFdInfo.SIZE;
        Memory m = new Memory(cap);
        Native.setLastError(0);
        int got = proc.proc_pidinfo(pid, MacLibproc.PROC_PIDLISTFDS, 0, m, cap);
        if (got <= 0) {
            return denied(Native.getLastError()) ? null : List.of();
        }
        return ProcFdInfo.decodeAll(m.getByteBuffer(0, cap), got);
    }

    private static boolean denied(int errno) {
        return errno == MacErrno.EPERM || errno == MacErrno.EACCES;
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

    /** The hold descriptor {@code fd} has on {@code target}, if it is the same file (device and inode). */
    static Optional<Hold> holdOf(int fd, VnodeFdInfoWithPath info, FileId target) {
        if (!info.sameFile(target)) {
            return Optional.empty();
        }
        return Optional.of(new Hold(HoldKind.OPEN, "fd " + fd + " (" + info.access() + ")"));
    }

    /** One holder, named from its executable's path, else from libproc's short name. */
    static Holder holder(long pid, String executable, String shortName, List<Hold> holds) {
        return new Holder(pid, ProcessNames.describe(executable, List.of(), shortName), executable, holds);
    }
}
