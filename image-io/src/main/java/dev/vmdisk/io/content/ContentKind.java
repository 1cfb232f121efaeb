package dev.vmdisk.io.content;

/** What a disk image, or one partition of it, holds. */
public enum ContentKind {
    EXT2("ext2"), EXT3("ext3"), EXT4("ext4"), XFS("XFS"), BTRFS("Btrfs"), SWAP("Linux swap"),
    SQUASHFS("SquashFS"), EROFS("EROFS"), LUKS("LUKS"), FAT("FAT"), NTFS("NTFS"), EXFAT("exFAT"),
    GPT("GPT"), MBR("MBR"),
    /** An Apple Sparse Image Format file: a virtual disk inside, see {@link ImageContent#virtualDisk()}. */
    ASIF("ASIF"),
    /** Another program's disk image format: vmdisk names it and never reads the guest inside ({@link ForeignFormats}). */
    QCOW2("qcow2"), VHDX("VHDX"), VHD("VHD"), VMDK("VMDK"), VDI("VDI"), UDIF("UDIF"), SPARSEIMAGE("sparse image"),
    /** Every byte read is zero. */
    EMPTY("empty"),
    /** No signature vmdisk knows. */
    UNKNOWN("unknown");

    private final String displayName;

    ContentKind(String displayName) {
        this.displayName = displayName;
    }

    /** The name people know it by: "ext4", "Linux swap". */
    public String displayName() {
        return displayName;
    }

    public boolean isPartitionTable() {
        return this == GPT || this == MBR;
    }
}
