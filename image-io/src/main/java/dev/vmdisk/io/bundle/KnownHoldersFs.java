package dev.vmdisk.io.bundle;

import dev.vmdisk.io.nativefs.DelegatingNativeFs;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.file.Path;
import java.util.Map;

/**
 * The platform, with the holders status found for the whole bundle in one walk over the processes answered
 * from that walk: the dry-run compaction of each image asks for its holders again, which for a bundle of
 * thousands of images would walk every process once per image. A path the walk did not cover is scanned.
 */
final class KnownHoldersFs extends DelegatingNativeFs {
    private final NativeFs fs;
    private final Map<Path, HolderReport> known;

    KnownHoldersFs(NativeFs fs, Map<Path, HolderReport> known) {
        this.fs = fs;
        this.known = Map.copyOf(known);
    }

    @Override
    protected NativeFs delegate() {
        return fs;
    }

    @Override
    public HolderReport holders(Path path) {
        HolderReport r = known.get(path);
        return r != null ? r : fs.holders(path);
    }
}
