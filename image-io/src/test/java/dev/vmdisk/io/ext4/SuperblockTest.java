package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hand-built superblock, and each field parse refuses. */
class SuperblockTest {
    private static final Path IMAGE = Path.of("disk.img");
    private static final long SIZE = 64L << 20;

    private static ByteBuffer valid() {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Superblock.S_INODES_COUNT, 16384);
        b.putInt(Superblock.S_BLOCKS_COUNT_LO, 16384);
        b.putInt(Superblock.S_FIRST_DATA_BLOCK, 0);
        b.putInt(Superblock.S_LOG_BLOCK_SIZE, 2);
        b.putInt(Superblock.S_BLOCKS_PER_GROUP, 32768);
        b.putInt(Superblock.S_INODES_PER_GROUP, 16384);
        b.putShort(Superblock.S_MAGIC, (short) 0xEF53);
        b.putShort(Superblock.S_STATE, (short) 1);
        b.putInt(Superblock.S_REV_LEVEL, 1);
        b.putInt(Superblock.S_FIRST_INO, 11);
        b.putShort(Superblock.S_INODE_SIZE, (short) 256);
        b.putInt(Superblock.S_FEATURE_RO_COMPAT, (int) Features.RO_COMPAT_SPARSE_SUPER);
        b.put(Superblock.S_VOLUME_NAME, "rootfs".getBytes());
        return b;
    }

    @Test
    void parsesNamedFields() {
        Superblock sb = Superblock.parse(valid(), IMAGE, SIZE);
        assertEquals(4096, sb.blockSize());
        assertEquals(16384, sb.blocksCount());
        assertEquals(1, sb.groupCount());
        assertEquals("rootfs", sb.volumeName());
        assertEquals(32, sb.descSize());
        assertTrue(sb.checksumValid());
    }

    @Test
    void sparseSuperBackupGroups() {
        Superblock sb = Superblock.parse(valid(), IMAGE, SIZE);
        StringBuilder groups = new StringBuilder();
        for (long g = 0; g < 130; g++) {
            if (sb.groupHasSuper(g)) {
                groups.append(g).append(' ');
            }
        }
        assertEquals("0 1 3 5 7 9 25 27 49 81 125 ", groups.toString());
    }

    @Test
    void refusesEachBadField() {
        record Bad(int offset, int value, String expect) {
        }
        for (Bad bad : new Bad[] {
            new Bad(Superblock.S_MAGIC, 0x1234, "magic"),
            new Bad(Superblock.S_LOG_BLOCK_SIZE, 7, "s_log_block_size"),
            new Bad(Superblock.S_BLOCKS_COUNT_LO, 1 << 30, "more than the"),
            new Bad(Superblock.S_BLOCKS_PER_GROUP, 0, "s_blocks_per_group"),
            new Bad(Superblock.S_BLOCKS_PER_GROUP, 40000, "s_blocks_per_group"),
            new Bad(Superblock.S_INODES_PER_GROUP, 0, "s_inodes_per_group"),
            new Bad(Superblock.S_INODES_COUNT, 1 << 20, "s_inodes_count"),
            new Bad(Superblock.S_INODE_SIZE, 100, "s_inode_size"),
            new Bad(Superblock.S_FIRST_DATA_BLOCK, 1, "s_first_data_block"),
        }) {
            ByteBuffer b = valid();
            if (bad.offset() == Superblock.S_MAGIC || bad.offset() == Superblock.S_INODE_SIZE) {
                b.putShort(bad.offset(), (short) bad.value());
            } else {
                b.putInt(bad.offset(), bad.value());
            }
            BadInputException e = assertThrows(BadInputException.class, () -> Superblock.parse(b, IMAGE, SIZE), bad.toString());
            assertTrue(e.getMessage().startsWith("disk.img: ") && e.getMessage().contains(bad.expect()), e.getMessage());
        }
    }

    @Test
    void metadataChecksumIsChecked() {
        ByteBuffer b = valid();
        b.putInt(Superblock.S_FEATURE_RO_COMPAT, (int) (Features.RO_COMPAT_SPARSE_SUPER | Features.RO_COMPAT_METADATA_CSUM));
        b.put(Superblock.S_CHECKSUM_TYPE, (byte) 1);
        b.putInt(Superblock.S_CHECKSUM, Crc32c.update(~0, b, 0, Superblock.S_CHECKSUM));
        assertTrue(Superblock.parse(b, IMAGE, SIZE).checksumValid());
        b.put(Superblock.S_VOLUME_NAME, (byte) 'R');
        assertFalse(Superblock.parse(b, IMAGE, SIZE).checksumValid());
    }

    @Test
    void directoryRecordLengthsOf64KiBBlocks() {
        assertEquals(12, Directories.recLen(12, 4096));
        assertEquals(65536, Directories.recLen(65535, 65536));
        assertEquals(65536, Directories.recLen(0, 65536));
        assertEquals(4096, Directories.recLen(4096, 65536));
    }
}
