package dev.vmdisk.io.inspect;

import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.nativefs.HolderReport;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code vmdisk inspect} found about one image; text and JSON are both made from this.
 *
 * @param path           the image
 * @param apparentBytes  the file's length
 * @param allocatedBytes bytes the host file system has allocated for it
 * @param fsBlockSize    the host file system's block size, the unit of zero detection and punching
 * @param layout         data extents and holes
 * @param zeroBytes      bytes of whole all-zero blocks inside data extents: allocated but holding nothing
 * @param content        what the image holds: a file system, a partition table and its partitions, …
 * @param fileSystems    each ext2/3/4 file system found (the whole image, or per partition): space inside
 *                       the guest, state, and how much of its free space the host still allocates
 * @param holders        the processes holding the image
 * @param zeroFreeBytes  bytes of those zero blocks that lie in guest-free space the host allocates (counted in both
 *                       {@code zeroBytes} and the file systems' {@code hostAllocatedFreeBytes}); -1 when unknown
 */
public record Inspection(Path path, long apparentBytes, long allocatedBytes, int fsBlockSize,
                         ImageLayout layout, long zeroBytes, ImageContent content,
                         List<GuestFsReport> fileSystems, HolderReport holders, long zeroFreeBytes) {
    public Inspection {
        fileSystems = List.copyOf(fileSystems);
    }

    /** Without the overlap of zero blocks and guest-free space (unknown). */
    public Inspection(Path path, long apparentBytes, long allocatedBytes, int fsBlockSize, ImageLayout layout,
                      long zeroBytes, ImageContent content, List<GuestFsReport> fileSystems, HolderReport holders) {
        this(path, apparentBytes, allocatedBytes, fsBlockSize, layout, zeroBytes, content, fileSystems, holders, -1);
    }
}
