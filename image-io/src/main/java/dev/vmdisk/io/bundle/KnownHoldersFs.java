package dev.vmdisk.io.bundle;

import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.FileAllocation;
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

/**
 * The platform, with the holders status found for the whole bundle in one walk over the processes answered
 * from that walk: the dry-run compaction of each image asks for its holders again, which for a bundle of
 * thousands of images would walk every process once per image. A path the walk did not cover is scanned.
 */
final class KnownHoldersFs implements NativeFs {
    private final NativeFs fs;
    private final Map<Path, HolderReport> known;

    KnownHoldersFs(NativeFs fs, Map<Path, HolderReport> known) {
        this.fs = fs;
        this.known = Map.copyOf(known);
    }

    @Override
    public HolderReport holders(Path path) {
        HolderReport r = known.get(path);
        return r != null ? r : fs.holders(path);
    }

    @Override
    public String platformName() {
        return fs.platformName();
    }

    @Override
    public NativeFile open(Path path, Access access) {
        return fs.open(path, access);
    }

    @Override
    public OpenFileSet openFiles() {
        return fs.openFiles();
    }

    @Override
    public FsFigures fsFigures(Path path) {
        return fs.fsFigures(path);
    }

    @Override
    public QuotaUsage userQuota(Path path, int uid) {
        return fs.userQuota(path, uid);
    }

    @Override
    public Optional<String> writeLockFlag(Path path) {
        return fs.writeLockFlag(path);
    }

    @Override
    public Map<Path, HolderReport> holdersOfAll(List<Path> paths) {
        return fs.holdersOfAll(paths);
    }

    @Override
    public HolePunching holePunching(Path path) {
        return fs.holePunching(path);
    }

    @Override
    public FileAllocation allocationNoFollow(Path path) {
        return fs.allocationNoFollow(path);
    }

    @Override
    public boolean cloneFile(NativeFile source, Path target) {
        return fs.cloneFile(source, target);
    }
}
