package dev.vmdisk.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What compact says when the file shrank but the volume did not (a clone, a snapshot). */
class VolumeChangeTest {
    static final long MIB = 1 << 20;

    @Test
    void aVolumeThatGainedWhatTheFileGaveBackSaysNothingMore() {
        assertEquals("", new VolumeChange(1000 * MIB, 1160 * MIB, 160 * MIB, true).warning());
        // Other writers took some of it meanwhile: still no warning while the volume gained half.
        assertEquals("", new VolumeChange(1000 * MIB, 1080 * MIB, 160 * MIB, true).warning());
        assertEquals("; volume free 1000.0 MiB -> 1.1 GiB", new VolumeChange(1000 * MIB, 1160 * MIB, 160 * MIB, true).suffix());
    }

    @Test
    void onMacOsACloneOrALocalSnapshotIsNamedWithTheTmutilCommands() {
        String w = new VolumeChange(1000 * MIB, 1000 * MIB, 160 * MIB, true).warning();
        assertTrue(w.startsWith("the image gave back 160.0 MiB but the volume's free space grew by only 0 B; probably"), w);
        assertTrue(w.contains("cp -c") && w.contains("tmutil listlocalsnapshots /") && w.contains("tmutil thinlocalsnapshots"), w);
    }

    @Test
    void elsewhereAReflinkOrASnapshot() {
        String w = new VolumeChange(1000 * MIB, 990 * MIB, 160 * MIB, false).warning();
        assertTrue(w.contains("grew by only 0 B") && w.contains("reflink") && !w.contains("tmutil"), w);
    }

    @Test
    void tooLittleFreedToTell() {
        assertEquals("", new VolumeChange(1000 * MIB, 1000 * MIB, 8 * MIB, true).warning());
    }
}
