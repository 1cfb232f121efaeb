package dev.vmdisk.io.partition;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * One of the four 16-byte primary entries of an MBR.
 *
 * @param status   boot indicator: 0x80 bootable, 0x00 not; anything else means this is no MBR
 * @param type     partition type byte (0x83 Linux, 0xEE GPT protective, 0 unused)
 * @param startLba first sector, in 512-byte sectors
 * @param sectors  length in sectors
 */
public record MbrEntry(int status, int type, long startLba, long sectors) {
    public static final int SIZE = 16;
    static final int STATUS = 0x0;
    static final int TYPE = 0x4;
    static final int START_LBA = 0x8;
    static final int SECTORS = 0xC;

    public static MbrEntry parse(ByteBuffer sector, int offset) {
        return new MbrEntry(Le.u8(sector, offset + STATUS), Le.u8(sector, offset + TYPE),
                Le.u32(sector, offset + START_LBA), Le.u32(sector, offset + SECTORS));
    }

    public boolean isUsed() {
        return type != MbrTypes.EMPTY;
    }

    /** Whether the entry could belong to a partition table, rather than to boot code or a file system's boot sector. */
    boolean isPlausible() {
        boolean statusOk = status == 0x00 || status == 0x80;
        return statusOk && (!isUsed() || startLba > 0 && sectors > 0);
    }
}
