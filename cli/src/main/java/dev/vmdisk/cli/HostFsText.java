package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.QuotaUsage;

/** A host file system's figures and a quota as one line each, for {@code tmp} and {@code doctor}. */
final class HostFsText {
    private HostFsText() {
    }

    /** E.g. {@code /tmp (tmpfs): 41% used, 1.2 GiB available of 2.0 GiB; inodes 3% used (1520 of 50000)}. */
    static String fileSystem(String volume, FsFigures f) {
        String line = volume + ": " + f.spacePercentUsed() + "% used, " + Sizes.human(f.availableBytes())
                + " available of " + Sizes.human(f.totalBytes());
        int inodes = f.inodePercentUsed();
        return line + (inodes < 0 ? "; inodes not counted" : "; inodes " + inodes + "% used ("
                + (f.totalInodes() - f.freeInodes()) + " of " + f.totalInodes() + ")");
    }

    /** E.g. {@code 900.0 MiB of 1.0 GiB (88%), 63370 of 65536 inodes (97%)}, or why it is unknown. */
    static String quota(QuotaUsage q) {
        if (!q.known()) {
            return "unknown: " + q.unknown().orElseThrow();
        }
        String space = q.spaceLimitBytes() == 0 ? Sizes.human(q.usedBytes()) + ", no space limit"
                : Sizes.human(q.usedBytes()) + " of " + Sizes.human(q.spaceLimitBytes()) + " (" + q.spacePercentUsed() + "%)";
        String inodes = q.inodeLimit() == 0 ? q.usedInodes() + " inodes, no inode limit"
                : q.usedInodes() + " of " + q.inodeLimit() + " inodes (" + q.inodePercentUsed() + "%)";
        return space + ", " + inodes;
    }
}
