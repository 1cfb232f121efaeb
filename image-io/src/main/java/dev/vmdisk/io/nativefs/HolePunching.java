package dev.vmdisk.io.nativefs;

/**
 * Whether the host file system holding a file can punch holes, as far as its type tells: what lets
 * {@code inspect} promise that {@code compact} gives space back, or say plainly that it cannot here.
 *
 * @param support    what the type says
 * @param fileSystem the host file system's type name ("ext4", "vfat"), or "" when unknown
 */
public record HolePunching(Support support, String fileSystem) {
    /** Known to punch holes, known not to, or a type vmdisk has no record of (NFS, FUSE, …). */
    public enum Support { SUPPORTED, UNSUPPORTED, UNKNOWN }

    public static final HolePunching UNKNOWN = new HolePunching(Support.UNKNOWN, "");
}
