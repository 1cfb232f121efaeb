package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The primary Btrfs superblock at byte 0x10000 (ctree.h {@code struct btrfs_super_block}).
 *
 * @param totalBytes {@code total_bytes}
 * @param fsid       {@code fsid}
 * @param label      {@code label}
 */
record BtrfsSuperblock(long totalBytes, String fsid, String label) {
    static final int AT = 0x10000;
    static final int FSID = 0x20;
    static final int MAGIC = 0x40;
    static final int TOTAL_BYTES = 0x70;
    static final int LABEL = 0x12B;
    static final int LABEL_SIZE = 256;
    static final long MAGIC_VALUE = 0x4D5F53665248425FL; // "_BHRfS_M" read little-endian

    static boolean matches(ByteBuffer head) {
        return head.limit() >= AT + LABEL + LABEL_SIZE && Le.u64(head, AT + MAGIC) == MAGIC_VALUE;
    }

    static BtrfsSuperblock parse(ByteBuffer head) {
        return new BtrfsSuperblock(Le.u64(head, AT + TOTAL_BYTES), Text.uuid(head, AT + FSID),
                Text.label(head, AT + LABEL, LABEL_SIZE, StandardCharsets.UTF_8));
    }

    Found found() {
        return new Found(ContentKind.BTRFS, new ContentFacts.Volume(null, totalBytes, 0), totalBytes, label, fsid);
    }
}
