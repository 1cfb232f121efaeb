package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.binary.ReadOnlyChannel;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * A read-only {@link java.nio.channels.FileChannel} over vmdisk's own descriptor ({@link NativeFile#read}, {@code pread}), so
 * the structure readers (partition tables, ext4, content detection) read through the one open file that
 * carries vmdisk's lock and lease. Opening the image a second time would make a second open file, which
 * the kernel counts against vmdisk's write lease. Closing the channel leaves the native file open: its
 * owner closes it. No mapping: {@link NativeFile#mapReadOnly} maps where that is safe.
 */
public final class NativeFileChannel extends ReadOnlyChannel {
    private final NativeFile file;

    public NativeFileChannel(NativeFile file) {
        this.file = file;
    }

    @Override
    protected int readAt(ByteBuffer dst, long at) {
        return file.read(dst, at);
    }

    @Override
    protected long length() {
        return file.apparentSize();
    }

    @Override
    public void force(boolean metaData) {
        file.sync();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("map through NativeFile.mapReadOnly, under a write lease");
    }
}
