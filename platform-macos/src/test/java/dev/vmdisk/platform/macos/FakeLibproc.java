package dev.vmdisk.platform.macos;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A libproc in Java that answers as xnu's {@code proc_info.c} does, for {@link MacHolders} on any OS: byte
 * counts, 0 with errno on failure, the fd list <b>cut silently to the buffer</b>, regions found at or after
 * the address asked and ESRCH... EINVAL past the last. Structs are written at the offsets the port decodes.
 */
final class FakeLibproc implements MacLibproc {

    /** One descriptor: its number, its vnode (device, inode) and fi_openflags; or the errno its query fails with. */
    record Fd(int fd, long device, long inode, long openFlags, int failErrno) {
        static Fd vnode(int fd, long device, long inode, long openFlags) {
            return new Fd(fd, device, inode, openFlags, 0);
        }

        static Fd failing(int fd, int errno) {
            return new Fd(fd, 0, 0, 0, errno);
        }
    }

    /** One mapped region. */
    record Region(long address, long size, long device, long inode, int protection) {
    }

    /** One process: its descriptors, how many more it opens between the sizing call and the real one, its regions. */
    static final class Proc {
        final List<Fd> fds = new ArrayList<>();
        final List<Region> regions = new ArrayList<>();
        int listFdsErrno;
        int regionsEndErrno = MacErrno.EINVAL;
        /** Descriptors the sizing call does not count (opened just after it). */
        int hiddenFromSizing;
    }

    final Map<Integer, Proc> procs = new LinkedHashMap<>();

    Proc add(int pid) {
        Proc p = new Proc();
        procs.put(pid, p);
        return p;
    }

    @Override
    public int proc_listpids(int type, int typeinfo, Pointer buffer, int buffersize) {
        int bytes = procs.size() * 4;
        if (buffer == null) {
            return bytes;
        }
        int i = 0;
        for (int pid : procs.keySet()) {
            if ((i + 1) * 4 > buffersize) {
                break;
            }
            buffer.setInt(i * 4L, pid);
            i++;
        }
        return i * 4;
    }

    @Override
    public int proc_pidinfo(int pid, int flavor, long arg, Pointer buffer, int buffersize) {
        Proc p = procs.get(pid);
        if (p == null) {
            return fail(MacErrno.ESRCH);
        }
        if (flavor == PROC_PIDLISTFDS) {
            if (p.listFdsErrno != 0) {
                return fail(p.listFdsErrno);
            }
            if (buffer == null) {
                return (p.fds.size() - p.hiddenFromSizing) * ProcFdInfo.SIZE;
            }
            int n = Math.min(p.fds.size(), buffersize / ProcFdInfo.SIZE); // cut to the buffer, as xnu does
            for (int i = 0; i < n; i++) {
                buffer.setInt(i * 8L, p.fds.get(i).fd());
                buffer.setInt(i * 8L + 4, PROX_FDTYPE_VNODE);
            }
            return n * ProcFdInfo.SIZE;
        }
        if (flavor == PROC_PIDREGIONPATHINFO) {
            for (Region r : p.regions) {
                if (r.address() + r.size() > arg) {
                    ByteBuffer b = ByteBuffer.allocate(RegionWithPathInfo.SIZE).order(ByteOrder.LITTLE_ENDIAN);
                    b.putInt(RegionWithPathInfo.PRI_PROTECTION, r.protection());
                    b.putLong(RegionWithPathInfo.PRI_ADDRESS, r.address());
                    b.putLong(RegionWithPathInfo.PRI_SIZE, r.size());
                    b.putInt(RegionWithPathInfo.VST_DEV, (int) r.device());
                    b.putLong(RegionWithPathInfo.VST_INO, r.inode());
                    buffer.write(0, b.array(), 0, RegionWithPathInfo.SIZE);
                    return RegionWithPathInfo.SIZE;
                }
            }
            return fail(p.regionsEndErrno);
        }
        return fail(MacErrno.EINVAL);
    }

    @Override
    public int proc_pidfdinfo(int pid, int fd, int flavor, Pointer buffer, int buffersize) {
        Proc p = procs.get(pid);
        if (p == null) {
            return fail(MacErrno.ESRCH);
        }
        for (Fd f : p.fds) {
            if (f.fd() == fd) {
                if (f.failErrno() != 0) {
                    return fail(f.failErrno());
                }
                ByteBuffer b = ByteBuffer.allocate(VnodeFdInfoWithPath.SIZE).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(VnodeFdInfoWithPath.FI_OPENFLAGS, (int) f.openFlags());
                b.putInt(VnodeFdInfoWithPath.VST_DEV, (int) f.device());
                b.putLong(VnodeFdInfoWithPath.VST_INO, f.inode());
                buffer.write(0, b.array(), 0, VnodeFdInfoWithPath.SIZE);
                return VnodeFdInfoWithPath.SIZE;
            }
        }
        return fail(MacErrno.EBADF);
    }

    @Override
    public int proc_pidpath(int pid, Pointer buffer, int buffersize) {
        byte[] name = ("/usr/local/bin/holder" + pid).getBytes();
        buffer.write(0, name, 0, name.length);
        buffer.setByte(name.length, (byte) 0);
        return name.length;
    }

    @Override
    public int proc_name(int pid, Pointer buffer, int buffersize) {
        return fail(MacErrno.ESRCH);
    }

    private static int fail(int errno) {
        Native.setLastError(errno);
        return 0;
    }

    /** A libc that answers only what the holder scan asks of it: geteuid (not root) and strerror. */
    static MacLibc libc() {
        return (MacLibc) Proxy.newProxyInstance(MacLibc.class.getClassLoader(), new Class<?>[] {MacLibc.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "geteuid" -> 501;
                    case "strerror" -> "errno " + args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
