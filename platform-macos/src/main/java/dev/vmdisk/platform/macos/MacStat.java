package dev.vmdisk.platform.macos;

import dev.vmdisk.io.binary.Le;
import dev.vmdisk.io.nativefs.FileId;

import java.nio.ByteBuffer;

/**
 * The fields vmdisk uses of macOS {@code struct stat} with 64-bit inodes ({@code __DARWIN_STRUCT_STAT64}
 * in xnu {@code bsd/sys/stat.h}), the layout {@code fstat}/{@code stat} return on arm64 and
 * {@code fstat$INODE64} on x86_64. Offsets computed from the header's field list with natural alignment
 * (dev_t i32, mode_t u16, nlink_t u16, ino u64, uid, gid, rdev, 4 timespecs, then st_size).
 *
 * @param device    {@code st_dev} (a 32-bit dev_t, kept unsigned to compare with libproc's {@code vst_dev})
 * @param mode      {@code st_mode}
 * @param inode     {@code st_ino}
 * @param size      {@code st_size}
 * @param blocks512 {@code st_blocks}, in 512-byte units
 * @param blockSize {@code st_blksize}, the preferred I/O size
 */
record MacStat(long device, int mode, long inode, long size, long blocks512, int blockSize) {
    static final int SIZE = 144;
    static final int ST_DEV = 0; // dev_t, i32
    static final int ST_MODE = 4; // mode_t, u16
    static final int ST_INO = 8; // u64
    static final int ST_SIZE = 96; // off_t
    static final int ST_BLOCKS = 104; // blkcnt_t, 512-byte units
    static final int ST_BLKSIZE = 112; // blksize_t, i32
    static final int ST_FLAGS = 116; // u32, chflags(2) flags
    /** {@code chflags uchg} and {@code chflags schg} (sys/stat.h): nobody may change the file. */
    static final int UF_IMMUTABLE = 0x00000002;
    static final int SF_IMMUTABLE = 0x00020000;

    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFDIR = 0040000;

    static MacStat decode(ByteBuffer b) {
        return new MacStat(
                Le.u32(b, ST_DEV),
                Le.u16(b, ST_MODE),
                Le.u64(b, ST_INO),
                Le.u64(b, ST_SIZE),
                Le.u64(b, ST_BLOCKS),
                (int) Le.u32(b, ST_BLKSIZE));
    }

    boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    FileId id() {
        return new FileId(device, inode);
    }
}
