package dev.vmdisk.io.partition;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One GPT partition entry (UEFI spec 2.10, section 5.3.3). LBAs are unsigned 64-bit: a value above
 * {@link Long#MAX_VALUE} comes back negative and the reader rejects it.
 *
 * @param firstLba   {@code StartingLBA}
 * @param lastLba    {@code EndingLBA}, inclusive
 * @param attributes {@code Attributes}
 * @param name       {@code PartitionName}: up to 36 UTF-16LE code units, cut at the first NUL
 */
public record GptEntry(Guid type, Guid unique, long firstLba, long lastLba, long attributes, String name) {
    static final int E_TYPE = 0x00;
    static final int E_UNIQUE = 0x10;
    static final int E_FIRST_LBA = 0x20;
    static final int E_LAST_LBA = 0x28;
    static final int E_ATTRIBUTES = 0x30;
    static final int E_NAME = 0x38;
    static final int NAME_UNITS = 36;

    public static GptEntry parse(ByteBuffer array, int offset) {
        int units = 0;
        while (units < NAME_UNITS && Le.u16(array, offset + E_NAME + 2 * units) != 0) {
            units++;
        }
        byte[] name = new byte[2 * units];
        array.get(offset + E_NAME, name);
        return new GptEntry(Guid.parse(array, offset + E_TYPE), Guid.parse(array, offset + E_UNIQUE),
                Le.u64(array, offset + E_FIRST_LBA), Le.u64(array, offset + E_LAST_LBA),
                Le.u64(array, offset + E_ATTRIBUTES), new String(name, StandardCharsets.UTF_16LE));
    }

    /** An all-zero type GUID marks an unused slot. */
    public boolean isUsed() {
        return !type.isZero();
    }
}
