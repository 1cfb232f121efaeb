package dev.vmdisk.io.ext4;

import dev.vmdisk.io.EnvironmentException;

import java.util.function.Consumer;

/**
 * What prune needs of every in-use inode, noted while the trim survey's cross-check reads them anyway:
 * whether it is live and a directory, its newest mtime/ctime and the bytes it takes. Judging the entries
 * then reads only directories again, not every file's inode a second time.
 */
final class SurveyedInodes implements Consumer<Inode> {
    private final BlockSet live;
    private final BlockSet directory;
    private final long[] activity;
    private final long[] bytes;

    SurveyedInodes(long inodesCount, String image) {
        long n = inodesCount + 1;
        if (n > Integer.MAX_VALUE - 8 || n * 16 > Runtime.getRuntime().maxMemory() / 2) {
            throw new EnvironmentException(image + ": judging " + inodesCount + " inodes needs " + (n * 16 >> 20)
                    + " MiB of memory; run with a larger Java heap (JAVA_OPTS=-Xmx4g)");
        }
        this.live = new BlockSet(n, image);
        this.directory = new BlockSet(n, image);
        this.activity = new long[(int) n];
        this.bytes = new long[(int) n];
    }

    @Override
    public void accept(Inode inode) {
        int i = (int) inode.number();
        if (InUseInodes.isLive(inode)) {
            live.setRange(i, 1);
        }
        if (inode.isDirectory()) {
            directory.setRange(i, 1);
        }
        activity[i] = Math.max(inode.mtimeSeconds(), inode.ctimeSeconds());
        bytes[i] = inode.allocatedBytes();
    }

    /** Whether the survey met inode {@code n} in use and alive (mode, links, no deletion time). */
    boolean live(long n) {
        return n > 0 && n < activity.length && live.get(n);
    }

    boolean directory(long n) {
        return directory.get(n);
    }

    long activity(long n) {
        return activity[(int) n];
    }

    long bytes(long n) {
        return bytes[(int) n];
    }
}
