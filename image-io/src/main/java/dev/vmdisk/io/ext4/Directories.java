package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a directory's names. Every block is read as linear entries: an htree's dx_root and
 * dx_node blocks look like entries too (the root's ".." spans the index, a node is one empty
 * entry), and the metadata_csum tail is an empty entry, so skipping inode-0 entries is enough.
 * Inline directories keep their entries in {@code i_block} and the {@code system.data} attribute.
 */
final class Directories {
    private static final int INLINE_PARENT = 4;
    private static final long XATTR_MAGIC = 0xEA020000L;
    private static final int XATTR_INDEX_SYSTEM = 7;

    private Directories() {
    }

    static List<DirEntry> list(BlockReader reader, Superblock sb, Inode dir, ChecksumProblems checksumProblems) {
        List<DirEntry> out = new ArrayList<>();
        if (dir.hasInlineData()) {
            ByteBuffer iblock = dir.raw().slice(Inode.I_BLOCK, Inode.I_BLOCK_LENGTH).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            parse(reader, sb, dir.number(), iblock, INLINE_PARENT, Inode.I_BLOCK_LENGTH, out, "inline data");
            ByteBuffer more = inlineDataXattr(dir);
            if (more != null && more.capacity() > 0) {
                parse(reader, sb, dir.number(), more, 0, more.capacity(), out, "inline data attribute");
            }
            return out;
        }
        if (!dir.hasBlockMap()) {
            return out;
        }
        int bs = sb.blockSize();
        long blocksInSize = (dir.size() + bs - 1) / bs;
        ByteBuffer block = reader.newBlockBuffer();
        BlockMap.walk(reader, sb, dir, new BlockMap.Sink() {
            @Override
            public void data(long logical, long physical, long count) {
                for (long i = 0; i < count && logical + i < blocksInSize; i++) {
                    reader.readBlock(physical + i, block, "directory block of inode " + dir.number());
                    parse(reader, sb, dir.number(), block, 0, bs, out, "block " + (physical + i));
                }
            }

            @Override
            public void mapBlock(long physical) {
            }
        }, checksumProblems);
        return out;
    }

    /**
     * Adds the entries in bytes {@code [from, end)} of {@code b} to {@code out}: one directory block, or
     * inline data, of directory inode {@code dir}; {@code where} names it in messages.
     */
    static void parse(BlockReader reader, Superblock sb, long dir, ByteBuffer b, int from, int end,
            List<DirEntry> out, String where) {
        boolean fileType = sb.hasIncompat(Features.INCOMPAT_FILETYPE);
        int off = from;
        while (off + 8 <= end) {
            long inode = Le.u32(b, off);
            int recLen = recLen(Le.u16(b, off + 4), sb.blockSize());
            int nameLen = fileType ? Le.u8(b, off + 6) : Le.u16(b, off + 6) & 0xFF;
            if (recLen < 8 || recLen % 4 != 0 || recLen > end - off || 8 + nameLen > recLen) {
                throw new BadInputException(reader.image() + ": corrupt ext directory inode " + dir
                        + ": entry at byte " + off + " of " + where + " has length " + recLen
                        + "; run e2fsck on the image");
            }
            if (inode != 0 && nameLen > 0) {
                byte[] name = new byte[nameLen];
                b.get(off + 8, name);
                String s = new String(name, StandardCharsets.UTF_8);
                if (!s.equals(".") && !s.equals("..")) {
                    if (inode > sb.inodesCount()) {
                        throw new BadInputException(reader.image() + ": corrupt ext directory inode " + dir
                                + ": entry '" + s + "' names inode " + inode + ", beyond the file system's "
                                + sb.inodesCount() + "; run e2fsck on the image");
                    }
                    out.add(new DirEntry(inode, s, fileType ? Le.u8(b, off + 7) : 0));
                }
            }
            off += recLen;
        }
    }

    /** {@code ext4_rec_len_from_disk}: 64 KiB blocks store their largest lengths folded. */
    static int recLen(int disk, int blockSize) {
        if (blockSize < 65536) {
            return disk;
        }
        if (disk == 65535 || disk == 0) {
            return blockSize;
        }
        return (disk & 65532) | ((disk & 3) << 16);
    }

    /** The value of the in-inode extended attribute {@code system.data}, the rest of an inline directory or file; or null. */
    static ByteBuffer inlineDataXattr(Inode inode) {
        ByteBuffer raw = inode.raw();
        int start = Inode.GOOD_OLD_INODE_SIZE + inode.extraIsize();
        int size = raw.capacity();
        if (inode.extraIsize() == 0 || start + 4 > size || Le.u32(raw, start) != XATTR_MAGIC) {
            return null;
        }
        int first = start + 4;
        int e = first;
        while (e + 16 <= size && Le.u32(raw, e) != 0) {
            int nameLen = Le.u8(raw, e);
            int index = Le.u8(raw, e + 1);
            int valueOffs = Le.u16(raw, e + 2);
            long valueInum = Le.u32(raw, e + 4);
            long valueSize = Le.u32(raw, e + 8);
            if (e + 16 + nameLen > size) {
                return null;
            }
            byte[] name = new byte[nameLen];
            raw.get(e + 16, name);
            if (index == XATTR_INDEX_SYSTEM && "data".equals(new String(name, StandardCharsets.US_ASCII))
                    && valueInum == 0) {
                if (first + valueOffs + valueSize > size) {
                    return null;
                }
                return raw.slice(first + valueOffs, (int) valueSize).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            }
            e += (16 + nameLen + 3) & ~3;
        }
        return null;
    }
}
