package dev.vmdisk.platform.linux;

/**
 * The start of {@code struct loop_info64} (linux/loop.h, the same on every architecture: fixed-size
 * fields only): the backing file's device ({@code huge_encode_dev}, which is {@code new_encode_dev} for
 * the numbers stat reports) and inode. The whole struct is 232 bytes.
 */
final class LoopInfoLayout {
    static final int SIZE = 232;
    static final int LO_DEVICE = 0;
    static final int LO_INODE = 8;

    private LoopInfoLayout() {
    }
}
