package dev.vmdisk.platform.macos;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * The fields vmdisk uses of macOS {@code struct statfs} with 64-bit inodes ({@code __DARWIN_STRUCT_STATFS64}
 * in xnu {@code bsd/sys/mount.h}), returned by {@code fstatfs} on arm64 and {@code fstatfs$INODE64} on x86_64.
 * Offsets computed from the header's field list; size 2168 = 88 + 2 * MAXPATHLEN + 4 + 7 * 4.
 *
 * @param blockSize      {@code f_bsize}: the fundamental block size; F_PUNCHHOLE needs ranges aligned to it
 * @param blocksAvail    {@code f_bavail}: free blocks for an unprivileged user
 * @param fsTypeName     {@code f_fstypename}, e.g. "apfs", "hfs"
 * @param mountedOn      {@code f_mntonname}
 */
record MacStatfs(long blockSize, long blocksAvail, String fsTypeName, String mountedOn) {
    static final int SIZE = 2168;
    static final int F_BSIZE = 0; // u32
    static final int F_IOSIZE = 4; // i32
    static final int F_BLOCKS = 8; // u64
    static final int F_BFREE = 16; // u64
    static final int F_BAVAIL = 24; // u64
    static final int F_FSTYPENAME = 72; // char[MFSTYPENAMELEN = 16]
    static final int MFSTYPENAMELEN = 16;
    static final int F_MNTONNAME = 88; // char[MAXPATHLEN = 1024]
    static final int MAXPATHLEN = 1024;

    static MacStatfs decode(ByteBuffer b) {
        return new MacStatfs(
                Le.u32(b, F_BSIZE),
                Le.u64(b, F_BAVAIL),
                CStrings.read(b, F_FSTYPENAME, MFSTYPENAMELEN),
                CStrings.read(b, F_MNTONNAME, MAXPATHLEN));
    }

    /** Bytes free for an unprivileged user: {@code f_bavail * f_bsize}. */
    long freeBytes() {
        return blocksAvail * blockSize;
    }
}
