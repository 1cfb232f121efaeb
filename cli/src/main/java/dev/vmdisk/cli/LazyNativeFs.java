package dev.vmdisk.cli;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.HolePunching;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.OpenFileSet;
import dev.vmdisk.io.nativefs.QuotaUsage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The platform port, loaded on first use: {@code --version}, {@code --help} and usage errors never
 * load JNA and its native library, which is most of a short command's start-up time.
 */
final class LazyNativeFs implements NativeFs {
    private final Supplier<NativeFs> loader;
    private NativeFs loaded;

    LazyNativeFs(Supplier<NativeFs> loader) {
        this.loader = loader;
    }

    private synchronized NativeFs fs() {
        if (loaded == null) {
            loaded = loader.get();
        }
        return loaded;
    }

    /** Loads the port now, e.g. on another thread; a failure is left for the first real use to report. */
    void preload() {
        try {
            fs();
        } catch (RuntimeException | LinkageError e) {
            // the command's first use loads again and reports it
        }
    }

    @Override
    public String platformName() {
        return fs().platformName();
    }

    @Override
    public NativeFile open(Path path, Access access) {
        return fs().open(path, access);
    }

    @Override
    public HolderReport holders(Path path) {
        return fs().holders(path);
    }

    @Override
    public OpenFileSet openFiles() {
        return fs().openFiles();
    }

    @Override
    public FsFigures fsFigures(Path path) {
        return fs().fsFigures(path);
    }

    @Override
    public QuotaUsage userQuota(Path path, int uid) {
        return fs().userQuota(path, uid);
    }

    @Override
    public Map<Path, HolderReport> holdersOfAll(List<Path> paths) {
        return fs().holdersOfAll(paths);
    }

    @Override
    public Optional<String> writeLockFlag(Path path) {
        return fs().writeLockFlag(path);
    }

    @Override
    public HolePunching holePunching(Path path) {
        return fs().holePunching(path);
    }

    @Override
    public dev.vmdisk.io.nativefs.FileAllocation allocationNoFollow(Path path) {
        return fs().allocationNoFollow(path);
    }

    @Override
    public boolean cloneFile(NativeFile source, Path target) {
        return fs().cloneFile(source, target);
    }
}
