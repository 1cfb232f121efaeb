package dev.vmdisk.io.reset;

import dev.vmdisk.io.nativefs.NativeFile;

/** Where a raw base holds data and where holes ({@code SEEK_DATA}/{@code SEEK_HOLE}), so holes are not read. */
interface HoleMap extends AutoCloseable {
    /** The first offset {@code >= from} that holds data, or -1 when none does. */
    long nextData(long from);

    /** The first offset {@code >= from} in a hole; the file's size at the end. */
    long nextHole(long from);

    @Override
    default void close() {
    }

    /** The port's answers for an open base; closing the map closes {@code file}. */
    static HoleMap of(NativeFile file) {
        return new HoleMap() {
            @Override
            public void close() {
                file.close();
            }

            @Override
            public long nextData(long from) {
                return file.nextData(from);
            }

            @Override
            public long nextHole(long from) {
                return file.nextHole(from);
            }
        };
    }

    /** Every byte counts as data, as on a file system without holes: everything is read. */
    static HoleMap allData(long size) {
        return new HoleMap() {
            @Override
            public long nextData(long from) {
                return from < size ? from : -1;
            }

            @Override
            public long nextHole(long from) {
                return size;
            }
        };
    }
}
