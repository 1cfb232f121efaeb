package dev.vmdisk.io.tmp;

import dev.vmdisk.io.nativefs.FsFigures;
import dev.vmdisk.io.nativefs.QuotaUsage;

import java.util.List;

/**
 * One agent temp directory: how big it is, how full its file system and its owner's quota there are, and
 * what the sweep removed (or would) and kept.
 *
 * @param dir        the directory and whose it is
 * @param volume     its file system as the JDK names it ({@code "/tmp (tmpfs)"})
 * @param fileBytes  apparent bytes of its regular files, before the sweep
 * @param entries    entries in it, itself included, before the sweep ({@code find DIR -xdev | wc -l})
 * @param ownerUid   the directory's owner, whose quota {@code quota} is
 * @param fs         its file system's space and inodes, after the sweep
 * @param quota      the owner's quota on that file system, after the sweep
 * @param swept      every entry under it in removal order (deepest first) with its verdict; empty when not swept
 * @param cleaned    true when entries were removed, false for a dry run
 */
public record TempDirReport(AgentTempDir dir, String volume, long fileBytes, long entries, int ownerUid,
                            FsFigures fs, QuotaUsage quota, List<TempEntry> swept, boolean cleaned) {
    public TempDirReport {
        swept = List.copyOf(swept);
    }

    public long removedCount() {
        return swept.stream().filter(TempEntry::removed).count();
    }

    public long removedBytes() {
        return swept.stream().filter(TempEntry::removed).mapToLong(TempEntry::bytes).sum();
    }

    public long keptCount() {
        return swept.size() - removedCount();
    }
}
