package dev.vmdisk.platform.macos;

/**
 * The range vmdisk hands {@code F_PUNCHHOLE}, and what to say when it is refused. Pure, so it is tested on
 * any OS.
 *
 * <p>Callers align both ends to the block and may round the end of the last, partial block up past the
 * file's end (Linux punches that happily). APFS wants whole blocks and may refuse a range past the end, so
 * the range is cut at the last whole block inside the file: a trailing partial block stays allocated, at
 * most one block per file.
 */
record PunchRequest(long offset, long length) {

    static PunchRequest within(long offset, long length, long fileSize, long blockSize) {
        long end = Math.min(offset + length, fileSize - Math.floorMod(fileSize, blockSize));
        return new PunchRequest(offset, Math.max(0, end - offset));
    }

    boolean isEmpty() {
        return length == 0;
    }

    /**
     * The words after the call for an EINVAL: "misaligned" only when the range is, since EINVAL is also
     * what APFS answers for aligned ranges after some write sequences, and for bad flags.
     */
    String einvalReason(long blockSize) {
        if (offset % blockSize != 0 || length % blockSize != 0) {
            return " (not aligned to the " + blockSize + "-byte file system block)";
        }
        return " (refused although aligned to the " + blockSize + "-byte file system block, as APFS does after"
                + " some write sequences; the range was left as it was)";
    }
}
