package dev.vmdisk.io.nativefs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link NativeFs} that hands every call to {@link #delegate()}: the one place that lists them, so a wrapper
 * that changes one call (the lazily loaded port, status's known holders, a test's hooked files) overrides just
 * that one, and a method added to {@code NativeFs} reaches the real port through every wrapper instead of
 * falling back to the interface's default in some of them.
 */
public abstract class DelegatingNativeFs implements NativeFs {
    /** The port the calls go to. */
    protected abstract NativeFs delegate();

    @Override
    public String platformName() {
        return delegate().platformName();
    }

    @Override
    public NativeFile open(Path path, Access access) {
        return delegate().open(path, access);
    }

    @Override
    public HolderReport holders(Path path) {
        return delegate().holders(path);
    }

    @Override
    public OpenFileSet openFiles() {
        return delegate().openFiles();
    }

    @Override
    public FsFigures fsFigures(Path path) {
        return delegate().fsFigures(path);
    }

    @Override
    public QuotaUsage userQuota(Path path, int uid) {
        return delegate().userQuota(path, uid);
    }

    @Override
    public Optional<String> writeLockFlag(Path path) {
        return delegate().writeLockFlag(path);
    }

    @Override
    public Map<Path, HolderReport> holdersOfAll(List<Path> paths) {
        return delegate().holdersOfAll(paths);
    }

    @Override
    public HolePunching holePunching(Path path) {
        return delegate().holePunching(path);
    }

    @Override
    public FileAllocation allocationNoFollow(Path path) {
        return delegate().allocationNoFollow(path);
    }

    @Override
    public boolean cloneFile(NativeFile source, Path target) {
        return delegate().cloneFile(source, target);
    }
}
