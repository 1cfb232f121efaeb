package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import dev.vmdisk.io.nativefs.HolePunching;
import dev.vmdisk.io.nativefs.HolePunching.Support;

import java.nio.file.Path;
import java.util.Map;

/**
 * The host file system's type from {@code statfs}'s {@code f_type} (the magic numbers of
 * include/uapi/linux/magic.h), and whether it can punch holes ({@code FALLOC_FL_PUNCH_HOLE}). Only
 * types whose answer is known are listed; any other (overlayfs, NFS, FUSE, 9p, …) is unknown, since
 * there it depends on what lies beneath.
 */
final class HostFsTypes {
    /** {@code struct statfs} on 64-bit Linux: {@code f_type} is the first field, a long. */
    private static final int STATFS_SIZE = 256;

    private static final Map<Long, HolePunching> KNOWN = Map.ofEntries(
            Map.entry(0xEF53L, new HolePunching(Support.SUPPORTED, "ext2/3/4")),
            Map.entry(0x58465342L, new HolePunching(Support.SUPPORTED, "xfs")),
            Map.entry(0x9123683EL, new HolePunching(Support.SUPPORTED, "btrfs")),
            Map.entry(0x01021994L, new HolePunching(Support.SUPPORTED, "tmpfs")),
            Map.entry(0xF2F52010L, new HolePunching(Support.SUPPORTED, "f2fs")),
            Map.entry(0x4D44L, new HolePunching(Support.UNSUPPORTED, "vfat")),
            Map.entry(0x2011BAB0L, new HolePunching(Support.UNSUPPORTED, "exfat")),
            Map.entry(0x482BL, new HolePunching(Support.UNSUPPORTED, "hfsplus")),
            Map.entry(0x858458F6L, new HolePunching(Support.UNSUPPORTED, "ramfs")));

    private HostFsTypes() {
    }

    static HolePunching of(LinuxLibc libc, Path path) {
        Memory m = new Memory(STATFS_SIZE);
        m.clear();
        if (libc.statfs(path.toString(), m) != 0) {
            return HolePunching.UNKNOWN;
        }
        return KNOWN.getOrDefault(m.getLong(0) & 0xFFFF_FFFFL, HolePunching.UNKNOWN);
    }
}
