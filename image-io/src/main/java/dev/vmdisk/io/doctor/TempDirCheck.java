package dev.vmdisk.io.doctor;

import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.Fullness;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.nativefs.QuotaUsage;
import dev.vmdisk.io.tmp.AgentTempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Each agent temp directory against its file system and its owner's quota there, in space and inodes:
 * when either is full, every command the agent runs fails, often with exit 1 and no output.
 */
final class TempDirCheck {
    static final String CHECK = "agent temp dir";

    private final NativeFs fs;

    TempDirCheck(NativeFs fs) {
        this.fs = fs;
    }

    List<Finding> run(List<AgentTempDir> dirs) {
        List<Finding> findings = new ArrayList<>();
        if (dirs.isEmpty()) {
            findings.add(Finding.ok(CHECK, "no agent temp directory of this user here"));
        }
        for (AgentTempDir d : dirs) {
            findings.add(check(d));
        }
        return findings;
    }

    private Finding check(AgentTempDir d) {
        String check = CHECK + " " + d.path();
        try {
            int owner = (Integer) Files.getAttribute(d.path(), "unix:uid", LinkOption.NOFOLLOW_LINKS);
            FsFigures f = fs.fsFigures(d.path());
            QuotaUsage q = fs.userQuota(d.path(), owner);
            int worst = Math.max(Math.max(f.spacePercentUsed(), f.inodePercentUsed()),
                    Math.max(q.spacePercentUsed(), q.inodePercentUsed()));
            String found = d.agent() + ": file system " + f.spacePercentUsed() + "% used"
                    + (f.inodePercentUsed() < 0 ? "" : ", inodes " + f.inodePercentUsed() + "% used")
                    + "; uid " + owner + "'s quota " + (q.known() ? quotaText(q) : "unknown (" + q.unknown().orElseThrow() + ")");
            if (worst < Fullness.WARN_PERCENT) {
                return Finding.ok(check, found);
            }
            return new Finding(check, worst >= Fullness.FULL_PERCENT ? Finding.Status.PROBLEM : Finding.Status.WARN, found,
                    "when the file system or the quota is full, every command the agent runs fails, often with exit 1 and no output",
                    d.mayBeSwept() ? "vmdisk tmp --clean (removes what is stale and not open), or raise the quota"
                            : "remove old chats and checkpoints in " + d.path() + " by hand, or raise the quota");
        } catch (IOException | VmdiskException e) {
            return Finding.unknown(check, "cannot read it: " + e.getMessage());
        }
    }

    private static String quotaText(QuotaUsage q) {
        if (q.spaceLimitBytes() == 0 && q.inodeLimit() == 0) {
            return "has no limits";
        }
        return "space " + (q.spaceLimitBytes() == 0 ? "unlimited" : q.spacePercentUsed() + "% used")
                + ", inodes " + (q.inodeLimit() == 0 ? "unlimited" : q.inodePercentUsed() + "% used");
    }
}
