package dev.vmdisk.platform.macos;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * libproc (part of libSystem), bound thin. Every function returns a byte count and <b>0 on failure</b>
 * (not -1), with errno set; {@code EPERM} for other users' processes unless root.
 * Signatures from libproc.h; constants from xnu {@code bsd/sys/proc_info.h}.
 *
 * <p>Our own interface rather than jna-platform's {@code SystemB}: that one loads the library in a
 * static initializer, binds {@code proc_pidinfo} to a {@code Structure}, and lacks
 * {@code proc_pidfdinfo} and {@code PROC_PIDLISTFDS}.
 */
interface MacLibproc extends Library {

    int PROC_ALL_PIDS = 1;
    /** proc_pidinfo flavor: an array of {@link ProcFdInfo#SIZE}-byte {@code struct proc_fdinfo}. */
    int PROC_PIDLISTFDS = 1;
    /** proc_pidfdinfo flavor: {@code struct vnode_fdinfowithpath}. */
    int PROC_PIDFDVNODEPATHINFO = 2;
    /** proc_pidinfo flavor: {@code struct proc_regionwithpathinfo} of the region at or after {@code arg}. */
    int PROC_PIDREGIONPATHINFO = 8;
    /** proc_fdtype of a file or directory. */
    int PROX_FDTYPE_VNODE = 1;
    /** Largest path {@code proc_pidpath} returns (PROC_PIDPATHINFO_MAXSIZE = 4 * MAXPATHLEN). */
    int PROC_PIDPATHINFO_MAXSIZE = 4096;

    /** {@code int proc_listpids(uint32_t type, uint32_t typeinfo, void *buffer, int buffersize)}. */
    int proc_listpids(int type, int typeinfo, Pointer buffer, int buffersize);

    /** {@code int proc_pidinfo(int pid, int flavor, uint64_t arg, void *buffer, int buffersize)}. */
    int proc_pidinfo(int pid, int flavor, long arg, Pointer buffer, int buffersize);

    /** {@code int proc_pidfdinfo(int pid, int fd, int flavor, void *buffer, int buffersize)}. */
    int proc_pidfdinfo(int pid, int fd, int flavor, Pointer buffer, int buffersize);

    /** {@code int proc_pidpath(int pid, void *buffer, uint32_t buffersize)}: the executable's path. */
    int proc_pidpath(int pid, Pointer buffer, int buffersize);

    /** {@code int proc_name(int pid, void *buffer, uint32_t buffersize)}: pbi_name, else pbi_comm. */
    int proc_name(int pid, Pointer buffer, int buffersize);
}
