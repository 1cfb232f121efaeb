package dev.vmdisk.cli;

import dev.vmdisk.io.ext4.PrunePhases;
import dev.vmdisk.io.ext4.PruneRequest;
import dev.vmdisk.io.nativefs.NativeFsLoader;
import dev.vmdisk.io.prune.HostClones;
import dev.vmdisk.io.prune.PruneResult;
import dev.vmdisk.io.prune.Pruner;
import dev.vmdisk.testdata.ReflinkFs;
import dev.vmdisk.testdata.SessionDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static dev.vmdisk.testdata.Checksums.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a host file system that clones (a loop-mounted XFS with reflink, as APFS would), prune clones the image
 * before its first write: a run that fails after a synced phase puts the image back byte for byte from the
 * clone; a run that succeeds removes the clone. Either way no clone is left beside the image.
 */
@EnabledOnOs(OS.LINUX)
class PruneCloneIT {
    @TempDir
    Path dir;

    private static final class Stop extends RuntimeException {
    }

    private static PruneRequest request() {
        return new PruneRequest(null, PruneCommandIT.now(), 30 * 86400L, Set.of());
    }

    @Test
    void aFailureAfterAPhaseRestoresTheImageFromItsClone() {
        try (ReflinkFs xfs = ReflinkFs.mount(dir)) {
            SessionDisk disk = SessionDisk.make(xfs.mountPoint(), "sessiondata.img", PruneCommandIT.now());
            Path img = disk.image;
            String before = sha256(img);
            PrunePhases hook = new PrunePhases() {
                @Override
                public void after(Phase phase) {
                    if (phase == Phase.INODES) {
                        throw new Stop(); // names and inodes written and synced, blocks not yet
                    }
                }
            };
            assertThrows(Stop.class, () -> new Pruner(NativeFsLoader.load()).prune(img, request(), false, hook));
            assertEquals(before, sha256(img), "the clone's bytes are back");
            assertFalse(Files.exists(HostClones.cloneOf(img)), "the clone is removed once written back");
            assertEquals(0, PruneTrees.fsck(img).exitCode());
        }
    }

    @Test
    void aSuccessfulRunSaysItClonedAndLeavesNoClone() {
        try (ReflinkFs xfs = ReflinkFs.mount(dir)) {
            SessionDisk disk = SessionDisk.make(xfs.mountPoint(), "sessiondata.img", PruneCommandIT.now());
            PruneResult r = new Pruner(NativeFsLoader.load()).prune(disk.image, request(), false, PrunePhases.NONE);
            assertTrue(r.cloned(), "XFS with reflink clones");
            assertTrue(r.entries().stream().anyMatch(e -> e.remove()), "something stale was removed");
            assertFalse(Files.exists(HostClones.cloneOf(disk.image)));
            assertEquals(0, PruneTrees.fsck(disk.image).exitCode());
        }
    }
}
