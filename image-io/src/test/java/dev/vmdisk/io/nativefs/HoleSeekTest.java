package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.inspect.ImageLayout;
import dev.vmdisk.io.scan.DataExtents;
import dev.vmdisk.io.scan.Extent;
import dev.vmdisk.io.scan.ScanWindows;
import dev.vmdisk.io.scan.ZeroScan;
import dev.vmdisk.io.scan.ZeroScanner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host file system that cannot seek holes (macOS: HFS+ ENOTTY, no ioctl ENOTSUP, macFUSE EINVAL) is
 * taken as "the whole file is data", and says so; before, the first seek's error ended inspect, status and
 * compact. Through the shared {@link HoleSeek} both ports use, so it is tested here on any OS.
 */
class HoleSeekTest {
    static final int B = 4096;

    /** 16 blocks: data, 10 zero blocks, data, 4 zero blocks. */
    static byte[] image() {
        byte[] b = new byte[16 * B];
        Random r = new Random(11);
        byte[] data = new byte[B];
        r.nextBytes(data);
        System.arraycopy(data, 0, b, 0, B);
        r.nextBytes(data);
        System.arraycopy(data, 0, b, 11 * B, B);
        return b;
    }

    @Test
    void eachNoSupportAnswerIsOneDataExtentAndAWholeFileScan() {
        for (int errno : new int[] {NoHoleSeekFile.ENOTTY, NoHoleSeekFile.ENOTSUP, NoHoleSeekFile.EINVAL}) {
            NoHoleSeekFile file = new NoHoleSeekFile(image(), errno);
            List<Extent> extents = new ArrayList<>();
            DataExtents.of(file).forEach(extents::add);
            assertEquals(List.of(new Extent(0, 16 * B)), extents, "errno " + errno);
            assertFalse(file.seeksHoles());

            ImageLayout layout = ImageLayout.of(file);
            assertEquals(new ImageLayout(1, 0, 16 * B, false), layout);

            ZeroScan scan = new ZeroScanner(B, 12, 1).scanFile(file, ScanWindows.Reads.COPIED, (offset, length) -> { });
            assertEquals(16L * B, scan.scannedBytes(), "the whole file was read");
            assertEquals(14L * B, scan.zeroBytes(), "every zero block found without hole information");
        }
    }

    @Test
    void onceRefusedItStopsAsking() {
        NoHoleSeekFile file = new NoHoleSeekFile(image(), NoHoleSeekFile.ENOTTY);
        DataExtents.of(file).dataBytes();
        int after = file.seeks.get();
        DataExtents.of(file).dataBytes();
        assertEquals(after, file.seeks.get());
        assertTrue(after >= 1);
    }

    @Test
    void dataPastTheEndIsNoneAndTheHoleIsTheEnd() {
        NoHoleSeekFile file = new NoHoleSeekFile(image(), NoHoleSeekFile.ENOTTY);
        assertEquals(5L, file.nextData(5));
        assertEquals(-1L, file.nextData(16 * B));
        assertEquals(16L * B, file.nextHole(7));
    }

    /** Any other errno is still a one-line error naming the call and the offset, never taken as "all data". */
    @Test
    void anotherErrnoIsStillAnError() {
        NoHoleSeekFile file = new NoHoleSeekFile(image(), NoHoleSeekFile.EIO);
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> file.nextData(0));
        assertEquals("hfs-volume/rootfs.img: lseek(SEEK_DATA) at 0: errno 5", e.getMessage());
        assertTrue(file.seeksHoles());
    }
}
