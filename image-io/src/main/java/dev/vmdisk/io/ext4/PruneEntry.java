package dev.vmdisk.io.ext4;

/**
 * One entry directly under the pruned directory and what prune does with it.
 *
 * @param bytes                space its whole tree takes in the guest, as {@code du} counts it (each inode once)
 * @param lastActivitySeconds  the newest {@code mtime} or {@code ctime} of the entry and everything under it
 * @param idleSeconds          how long before the run that was (negative when it lies in the future)
 * @param keptBecause          null when removed; else {@code "recent"}, {@code "--keep"} or {@code "lost+found"}
 */
public record PruneEntry(String name, long inode, boolean directory, long bytes, long lastActivitySeconds,
        long idleSeconds, boolean remove, String keptBecause) {
}
