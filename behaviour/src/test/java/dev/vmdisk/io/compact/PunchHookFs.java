package dev.vmdisk.io.compact;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.LeaseAttempt;
import dev.vmdisk.io.nativefs.MappedRegion;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * The real port, except that {@code beforePunch} runs before every hole punch with the punch's number
 * (0, 1, …): lets a test act at an exact point of a compaction. Everything else goes to the real file.
 */
final class PunchHookFs implements NativeFs {
    private final NativeFs real;
    private final IntConsumer beforePunch;
    private int punches;

    PunchHookFs(NativeFs real, IntConsumer beforePunch) {
        this.real = real;
        this.beforePunch = beforePunch;
    }

    @Override
    public String platformName() {
        return real.platformName();
    }

    @Override
    public HolderReport holders(Path path) {
        return real.holders(path);
    }

    @Override
    public NativeFile open(Path path, Access access) {
        NativeFile f = real.open(path, access);
        return new NativeFile() {
            @Override
            public Path path() {
                return f.path();
            }

            @Override
            public FileId id() {
                return f.id();
            }

            @Override
            public long apparentSize() {
                return f.apparentSize();
            }

            @Override
            public long allocatedBytes() {
                return f.allocatedBytes();
            }

            @Override
            public long nextData(long from) {
                return f.nextData(from);
            }

            @Override
            public long nextHole(long from) {
                return f.nextHole(from);
            }

            @Override
            public int read(ByteBuffer dst, long position) {
                return f.read(dst, position);
            }

            @Override
            public MappedRegion mapReadOnly(long offset, long length) {
                return f.mapReadOnly(offset, length);
            }

            @Override
            public LeaseAttempt tryWriteLease() {
                return f.tryWriteLease();
            }

            @Override
            public int fsBlockSize() {
                return f.fsBlockSize();
            }

            @Override
            public long fsFreeBytes() {
                return f.fsFreeBytes();
            }

            @Override
            public void punchHole(long offset, long length) {
                beforePunch.accept(punches++);
                f.punchHole(offset, length);
            }

            @Override
            public void willNeed(long offset, long length) {
                f.willNeed(offset, length);
            }

            @Override
            public void dropCache(long offset, long length) {
                f.dropCache(offset, length);
            }

            @Override
            public void sync() {
                f.sync();
            }

            @Override
            public ExclusiveLock lockExclusive() {
                return f.lockExclusive();
            }

            @Override
            public void close() {
                f.close();
            }
        };
    }
}
