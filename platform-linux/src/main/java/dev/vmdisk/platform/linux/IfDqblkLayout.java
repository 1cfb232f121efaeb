package dev.vmdisk.platform.linux;

/** {@code struct if_dqblk} from linux/quota.h: eight {@code __u64} then {@code __u32 dqb_valid}, padded to 8. */
final class IfDqblkLayout {
    static final int SIZE = 72;
    static final int DQB_BHARDLIMIT = 0; // in QIF_DQBLKSIZE (1024-byte) blocks
    static final int DQB_BSOFTLIMIT = 8;
    static final int DQB_CURSPACE = 16; // bytes
    static final int DQB_IHARDLIMIT = 24;
    static final int DQB_ISOFTLIMIT = 32;
    static final int DQB_CURINODES = 40;
    static final int DQB_VALID = 64;
    /** {@code QIF_DQBLKSIZE}: the unit of the block limits. */
    static final long QUOTA_BLOCK = 1024;

    private IfDqblkLayout() {
    }
}
