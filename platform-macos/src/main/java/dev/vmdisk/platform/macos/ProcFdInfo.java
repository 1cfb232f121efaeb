package dev.vmdisk.platform.macos;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct proc_fdinfo { int32_t proc_fd; uint32_t proc_fdtype; }} (xnu {@code bsd/sys/proc_info.h}),
 * the entries {@code proc_pidinfo(pid, PROC_PIDLISTFDS, ...)} fills in.
 */
record ProcFdInfo(int fd, long type) {
    static final int SIZE = 8;
    static final int PROC_FD = 0; // i32
    static final int PROC_FDTYPE = 4; // u32

    boolean isVnode() {
        return type == MacLibproc.PROX_FDTYPE_VNODE;
    }

    /** The entries in the first {@code bytes} bytes of {@code b} (the count libproc returned), never past the buffer. */
    static List<ProcFdInfo> decodeAll(ByteBuffer b, int bytes) {
        int n = Math.max(0, Math.min(bytes, b.limit())) / SIZE;
        List<ProcFdInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = i * SIZE;
            out.add(new ProcFdInfo((int) Le.u32(b, at + PROC_FD), Le.u32(b, at + PROC_FDTYPE)));
        }
        return out;
    }
}
