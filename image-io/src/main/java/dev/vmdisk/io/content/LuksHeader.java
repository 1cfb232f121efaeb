package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A LUKS1 or LUKS2 header at byte 0 (cryptsetup's on-disk format documents). Both keep the UUID as
 * 40 bytes of text at 0xA8; only LUKS2 has a label.
 *
 * @param version {@code version}, big-endian
 * @param uuid    {@code uuid}
 * @param label   LUKS2 {@code label}; null for LUKS1
 */
record LuksHeader(int version, String uuid, String label) {
    static final byte[] MAGIC = {'L', 'U', 'K', 'S', (byte) 0xBA, (byte) 0xBE};
    static final int VERSION = 0x06;
    static final int LABEL = 0x18;
    static final int UUID = 0xA8;

    static boolean matches(ByteBuffer head) {
        return head.limit() >= 512 && Bytes.equalAt(head, 0, MAGIC);
    }

    static LuksHeader parse(ByteBuffer head) {
        int version = Le.u8(head, VERSION) << 8 | Le.u8(head, VERSION + 1);
        String label = version >= 2 ? Text.label(head, LABEL, 48, StandardCharsets.UTF_8) : null;
        return new LuksHeader(version, Text.label(head, UUID, 40, StandardCharsets.US_ASCII), label);
    }

    Found found() {
        return new Found(ContentKind.LUKS, new ContentFacts.Luks(version), -1, label, uuid);
    }
}
