package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Reads whole file system blocks from an image at a byte offset (the partition's start), never past the file system's end. */
final class BlockReader {
    private final FileChannel channel;
    private final long fsOffset;
    private final long fsLength;
    private final Path image;
    private int blockSize = 1024;
    private long blocksCount;

    BlockReader(FileChannel channel, long fsOffset, long fsLength, Path image) {
        this.channel = channel;
        this.fsOffset = fsOffset;
        this.fsLength = fsLength;
        this.image = image;
    }

    void setGeometry(int blockSize, long blocksCount) {
        this.blockSize = blockSize;
        this.blocksCount = blocksCount;
    }

    int blockSize() {
        return blockSize;
    }

    long blocksCount() {
        return blocksCount;
    }

    Path image() {
        return image;
    }

    long fsOffset() {
        return fsOffset;
    }

    ByteBuffer newBlockBuffer() {
        return ByteBuffer.allocate(blockSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads {@code dst.remaining()} bytes starting at block {@code block}; {@code what} names the structure for errors. */
    ByteBuffer readBlocks(long block, ByteBuffer dst, String what) {
        if (block < 0 || block >= blocksCount || dst.remaining() > (blocksCount - block) * (long) blockSize) {
            throw new BadInputException(image + ": corrupt ext file system: " + what + " at block " + block
                    + " lies outside the file system (" + blocksCount + " blocks); run e2fsck on the image");
        }
        return readBytes(block * blockSize, dst, what);
    }

    ByteBuffer readBlock(long block, ByteBuffer dst, String what) {
        dst.clear().limit(blockSize);
        return readBlocks(block, dst, what);
    }

    /** Reads {@code dst.remaining()} bytes at byte {@code pos} of the file system; flips {@code dst} for absolute reads. */
    ByteBuffer readBytes(long pos, ByteBuffer dst, String what) {
        int start = dst.position();
        if (pos < 0 || pos + dst.remaining() > fsLength) {
            throw new BadInputException(image + ": truncated: " + what + " at byte " + (fsOffset + pos)
                    + " is past the end of the image; restore the whole image or copy it again");
        }
        try {
            long at = fsOffset + pos;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, at);
                if (n < 0) {
                    throw new BadInputException(image + ": truncated: " + what + " at byte " + at
                            + " is past the end of the image; restore the whole image or copy it again");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(image + ": cannot read " + what, e);
        }
        dst.limit(dst.position()).position(start);
        return dst;
    }
}
