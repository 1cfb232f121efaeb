package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The EROFS superblock at byte 1024 (erofs_fs.h {@code struct erofs_super_block}).
 *
 * @param blockSizeBits {@code blkszbits}
 * @param blocks        {@code blocks}
 * @param uuid          {@code uuid}
 * @param label         {@code volume_name}
 */
record ErofsSuperblock(int blockSizeBits, long blocks, String uuid, String label) {
    static final int AT = 1024;
    static final int MAGIC = 0x00;
    static final int BLKSZBITS = 0x0C;
    static final int BLOCKS = 0x24;
    static final int UUID = 0x30;
    static final int VOLUME_NAME = 0x40;
    static final long MAGIC_VALUE = 0xE0F5E1E2L;

    static boolean matches(ByteBuffer head) {
        return head.limit() >= AT + 128 && Le.u32(head, AT + MAGIC) == MAGIC_VALUE
                && Le.u8(head, AT + BLKSZBITS) >= 9 && Le.u8(head, AT + BLKSZBITS) <= 16;
    }

    static ErofsSuperblock parse(ByteBuffer head) {
        return new ErofsSuperblock(Le.u8(head, AT + BLKSZBITS), Le.u32(head, AT + BLOCKS), Text.uuid(head, AT + UUID),
                Text.label(head, AT + VOLUME_NAME, 16, StandardCharsets.UTF_8));
    }

    Found found() {
        long size = Found.bytes(blocks, 1L << blockSizeBits);
        return new Found(ContentKind.EROFS, new ContentFacts.Volume(null, size, 1 << blockSizeBits), size, label, uuid);
    }
}
