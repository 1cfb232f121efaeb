package dev.vmdisk.platform.macos;

import dev.vmdisk.io.binary.Le;
import dev.vmdisk.io.nativefs.FileId;

import java.nio.ByteBuffer;

/**
 * The fields vmdisk uses of {@code struct proc_regionwithpathinfo} (xnu {@code bsd/sys/proc_info.h}), what
 * {@code proc_pidinfo(pid, PROC_PIDREGIONPATHINFO, address, ...)} returns for the first mapped region at or
 * after {@code address}: {@code proc_regioninfo prp_prinfo} (96 bytes) then {@code vnode_info_path prp_vip}.
 * Offsets from the platform facts (checked against xnu-11417's headers compiled on Linux).
 *
 * @param protection {@code pri_protection}: VM_PROT_READ 1, VM_PROT_WRITE 2, VM_PROT_EXECUTE 4
 * @param address    {@code pri_address}
 * @param size       {@code pri_size}
 * @param device     {@code prp_vip.vip_vi.vi_stat.vst_dev}; 0 for memory no file backs
 * @param inode      {@code vst_ino}
 */
record RegionWithPathInfo(long protection, long address, long size, long device, long inode) {
    static final int SIZE = 1272;
    static final int PRI_PROTECTION = 0; // u32
    static final int PRI_ADDRESS = 80; // u64
    static final int PRI_SIZE = 88; // u64
    static final int VST_DEV = 96; // u32
    static final int VST_INO = 104; // u64

    static RegionWithPathInfo decode(ByteBuffer b) {
        return new RegionWithPathInfo(Le.u32(b, PRI_PROTECTION), Le.u64(b, PRI_ADDRESS), Le.u64(b, PRI_SIZE),
                Le.u32(b, VST_DEV), Le.u64(b, VST_INO));
    }

    boolean sameFile(FileId id) {
        return inode != 0 && device == id.device() && inode == id.inode();
    }

    /** Where the next region starts: the walk's next address, as Apple's {@code proc_listpidspath} steps. */
    long end() {
        return address + size;
    }

    /** "r--", "rw-", … from the VM protection bits. */
    String protectionWord() {
        return ((protection & 1) != 0 ? "r" : "-") + ((protection & 2) != 0 ? "w" : "-") + ((protection & 4) != 0 ? "x" : "-");
    }
}
