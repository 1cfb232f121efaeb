package dev.vmdisk.io.prune;

import dev.vmdisk.io.ext4.FsWriter;
import dev.vmdisk.io.nativefs.NativeFile;

import java.nio.ByteBuffer;

/** Writes a raw image's file system through the image's one open descriptor, at the file system's offset, never past its end. */
final class RawFsWriter implements FsWriter {
    private final NativeFile file;
    private final long fsOffset;
    private final long fsLength;

    RawFsWriter(NativeFile file, long fsOffset, long fsLength) {
        this.file = file;
        this.fsOffset = fsOffset;
        this.fsLength = fsLength;
    }

    @Override
    public void write(long fsPosition, ByteBuffer bytes) {
        if (fsPosition < 0 || fsPosition + bytes.remaining() > fsLength
                || fsOffset + fsPosition + bytes.remaining() > file.apparentSize()) {
            throw new IllegalStateException(file.path() + ": a write at byte " + fsPosition + " of the file system lies outside it");
        }
        file.write(bytes, fsOffset + fsPosition);
    }

    @Override
    public void sync() {
        file.sync();
    }
}
