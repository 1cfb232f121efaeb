package dev.vmdisk.io.nativefs;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A {@link NativeFile} that hands every call to another one: tests subclass it to change one call of the
 * real port (a hook before a punch, a platform without leases) and keep everything else real.
 */
public class ForwardingNativeFile implements NativeFile {
    protected final NativeFile f;

    public ForwardingNativeFile(NativeFile real) {
        this.f = real;
    }

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
    public void write(ByteBuffer src, long position) {
        f.write(src, position);
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
    public boolean cached(long offset, long length) {
        return f.cached(offset, length);
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
}
