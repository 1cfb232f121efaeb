package dev.vmdisk.platform.macos;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * macOS {@code struct flock} (xnu {@code bsd/sys/fcntl.h}): {@code l_start}, {@code l_len}, {@code l_pid},
 * {@code l_type}, {@code l_whence}, in that order, unlike Linux where {@code l_type} comes first.
 */
record Flock(long start, long len, int pid, short type, short whence) {
    static final int SIZE = 24;
    static final int L_START = 0; // off_t
    static final int L_LEN = 8; // off_t
    static final int L_PID = 16; // pid_t
    static final int L_TYPE = 20; // short
    static final int L_WHENCE = 22; // short

    static final short SEEK_SET = 0;

    /** A request for a write lock on the whole file, however it grows ({@code l_len} 0). */
    static Flock wholeFileWrite() {
        return new Flock(0, 0, 0, MacLibc.F_WRLCK, SEEK_SET);
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(L_START, start);
        b.putLong(L_LEN, len);
        b.putInt(L_PID, pid);
        b.putShort(L_TYPE, type);
        b.putShort(L_WHENCE, whence);
        return b.array();
    }

    static Flock decode(ByteBuffer b) {
        return new Flock(Le.u64(b, L_START), Le.u64(b, L_LEN), (int) Le.u32(b, L_PID),
                (short) Le.u16(b, L_TYPE), (short) Le.u16(b, L_WHENCE));
    }

    /**
     * What {@code F_GETLK} found, for a message: "" when nothing conflicts. xnu reports {@code l_pid} -1
     * for flock and OFD locks (they belong to an open file, not a process; see F_GETLKPID in fcntl.h).
     */
    String describeConflict() {
        if (type == MacLibc.F_UNLCK) {
            return "";
        }
        String kind = type == MacLibc.F_WRLCK ? "write" : "read";
        return pid > 0 ? "fcntl " + kind + " lock held by pid " + pid : "flock or OFD " + kind + " lock";
    }
}
