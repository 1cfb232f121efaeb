package dev.vmdisk.platform.macos;

import dev.vmdisk.io.binary.Le;
import dev.vmdisk.io.nativefs.FileId;

import java.nio.ByteBuffer;

/**
 * The fields vmdisk uses of {@code struct vnode_fdinfowithpath} (xnu {@code bsd/sys/proc_info.h}), what
 * {@code proc_pidfdinfo(pid, fd, PROC_PIDFDVNODEPATHINFO, ...)} returns: {@code proc_fileinfo pfi}
 * (24 bytes) then {@code vnode_info_path pvip} ({@code vinfo_stat} 136 bytes, vi_type, vi_pad, vi_fsid,
 * then {@code vip_path[MAXPATHLEN]}). Offsets computed from the header's field list.
 *
 * @param openFlags {@code pfi.fi_openflags}: the kernel's FREAD/FWRITE bits
 * @param device    {@code vst_dev}
 * @param inode     {@code vst_ino}
 * @param path      {@code vip_path}
 */
record VnodeFdInfoWithPath(long openFlags, long device, long inode, String path) {
    static final int SIZE = 1200;
    static final int FI_OPENFLAGS = 0; // u32
    static final int VST_DEV = 24; // u32
    static final int VST_INO = 32; // u64
    static final int VIP_PATH = 176; // char[MAXPATHLEN]
    static final int MAXPATHLEN = 1024;

    /** Kernel open-file flags (bsd/sys/fcntl.h), as fi_openflags carries them. */
    static final int FREAD = 0x1;
    static final int FWRITE = 0x2;
    /** {@code O_EVTONLY}: opened for event notifications only, as Apple's libproc tests fi_openflags for it. */
    static final int O_EVTONLY = 0x8000;

    static VnodeFdInfoWithPath decode(ByteBuffer b) {
        return new VnodeFdInfoWithPath(Le.u32(b, FI_OPENFLAGS), Le.u32(b, VST_DEV), Le.u64(b, VST_INO),
                CStrings.read(b, VIP_PATH, MAXPATHLEN));
    }

    boolean sameFile(FileId id) {
        return device == id.device() && inode == id.inode();
    }

    /** Whether the descriptor was opened {@code O_EVTONLY} (a file watcher): it cannot read or write the file. */
    boolean eventsOnly() {
        return (openFlags & O_EVTONLY) != 0;
    }

    /** "read-only", "write-only" or "read-write". */
    String access() {
        boolean r = (openFlags & FREAD) != 0;
        boolean w = (openFlags & FWRITE) != 0;
        return r && w ? "read-write" : w ? "write-only" : "read-only";
    }
}
