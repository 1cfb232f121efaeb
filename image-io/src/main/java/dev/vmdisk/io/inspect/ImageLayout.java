package dev.vmdisk.io.inspect;

import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.scan.DataExtents;
import dev.vmdisk.io.scan.Extent;

/**
 * How a file's bytes lie on the host: data extents and holes, found with SEEK_DATA/SEEK_HOLE.
 * Costs one pair of seeks per extent, whatever the file's apparent size.
 *
 * @param dataExtents how many data extents there are
 * @param holes       how many holes there are, the implicit one before the end included
 * @param dataBytes   bytes inside data extents
 * @param seeksHoles  false when the host file system cannot report holes (HFS+, some FUSE): the whole file
 *                    then counts as one data extent, and the zero scan reads all of it
 */
public record ImageLayout(long dataExtents, long holes, long dataBytes, boolean seeksHoles) {

    public static ImageLayout of(NativeFile file) {
        long size = file.apparentSize();
        long extents = 0;
        long holes = 0;
        long data = 0;
        long pos = 0;
        for (Extent e : DataExtents.of(file, 0, size)) {
            if (e.offset() > pos) {
                holes++;
            }
            extents++;
            data += e.length();
            pos = e.end();
        }
        if (pos < size) {
            holes++;
        }
        return new ImageLayout(extents, holes, data, file.seeksHoles());
    }
}
