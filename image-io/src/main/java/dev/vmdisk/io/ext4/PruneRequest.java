package dev.vmdisk.io.ext4;

import java.util.Set;

/**
 * What to prune: the entries directly under {@code under} (null: {@code /sessions} when the file system
 * has that directory, else its root) whose last activity is more than {@code olderThanSeconds} before
 * {@code nowSeconds}, except the names in {@code keep}.
 */
public record PruneRequest(String under, long nowSeconds, long olderThanSeconds, Set<String> keep) {
    public PruneRequest {
        keep = Set.copyOf(keep);
        if (olderThanSeconds < 0) {
            throw new IllegalArgumentException("negative age " + olderThanSeconds);
        }
    }
}
