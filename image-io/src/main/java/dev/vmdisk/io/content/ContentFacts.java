package dev.vmdisk.io.content;

/**
 * The figures a detector read about one content, beyond its kind, label and UUID: sizes in bytes, block
 * sizes, versions, type codes. Figures only: the CLI's ContentOutput makes the line people read of them.
 * A size of -1 is one the structure does not give (or a corrupt count would overflow).
 */
public sealed interface ContentFacts {
    /** Nothing beyond what {@link ImageContent} says itself: a partition table, an ASIF file, an empty region. */
    record None() implements ContentFacts {
    }

    /**
     * An ext2/3/4 file system.
     *
     * @param externalJournalDevice it is an external journal device ({@code INCOMPAT_JOURNAL_DEV}), not a file system
     */
    record Ext(long sizeBytes, int blockBytes, boolean externalJournalDevice) implements ContentFacts {
    }

    /**
     * A volume known by its size and, when its structure gives one, its block size: XFS, EROFS, Btrfs, FAT, NTFS, exFAT.
     *
     * @param variant    the name the volume gives its own type when closer than the kind ("FAT32", "FAT12"), or null
     * @param blockBytes the block size, or 0 when the detector does not read one
     */
    record Volume(String variant, long sizeBytes, long blockBytes) implements ContentFacts {
    }

    /** A Linux swap area. */
    record Swap(long sizeBytes, int pageBytes) implements ContentFacts {
    }

    /** @param compression the compressor's name ("gzip", "zstd"), or null when its id is not one SquashFS defines */
    record Squashfs(int major, int minor, String compression, long bytesUsed) implements ContentFacts {
    }

    record Luks(int version) implements ContentFacts {
    }

    /**
     * No signature vmdisk knows.
     *
     * @param zeroBytesRead when every byte read was zero, how many were read (the region's start, at most
     *                      {@link ContentDetector#ZERO_SCAN_LIMIT}); 0 when a non-zero byte was found
     */
    record Unknown(long zeroBytesRead) implements ContentFacts {
    }

    /** @param hasBackingFile the header names a backing file the guest's reads fall through to */
    record Qcow2(long version, boolean hasBackingFile) implements ContentFacts {
    }

    record Vhdx() implements ContentFacts {
    }

    /** @param diskType the footer's {@code Disk Type}: 2 fixed, 3 dynamic, 4 differencing */
    record Vhd(long diskType) implements ContentFacts {
    }

    /**
     * @param sparse     a hosted sparse extent (else a text descriptor)
     * @param version    the sparse header's version, 0 for a descriptor
     * @param createType the descriptor's {@code createType} ("monolithicSparse"), or null
     */
    record Vmdk(boolean sparse, long version, String createType) implements ContentFacts {
    }

    /** @param imageType the header's image type: 1 dynamic, 2 fixed, 3 undo, 4 differencing */
    record Vdi(long major, long minor, long imageType) implements ContentFacts {
    }

    record Udif(long version) implements ContentFacts {
    }

    record SparseImage(long version, long bandBytes) implements ContentFacts {
    }
}
