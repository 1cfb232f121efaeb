package dev.vmdisk.io.ext4;

/**
 * What the inode scan saw, one bit per inode number, for checking the directory tree against the
 * inode bitmaps afterwards without reading a file's inode a second time: whether the bitmap marks it
 * in use (within the part of its group's table the scan reads), whether it is live (a mode, links,
 * no deletion time) and whether it is a directory.
 */
final class InUseInodes {
    private final BlockSet inUse;
    private final BlockSet live;
    private final BlockSet directory;

    InUseInodes(long inodesCount, String image) {
        this.inUse = new BlockSet(inodesCount + 1, image);
        this.live = new BlockSet(inodesCount + 1, image);
        this.directory = new BlockSet(inodesCount + 1, image);
    }

    /** Records an inode the scan met through the inode bitmap. */
    void note(Inode inode) {
        inUse.setRange(inode.number(), 1);
        if (isLive(inode)) {
            live.setRange(inode.number(), 1);
        }
        if (inode.isDirectory()) {
            directory.setRange(inode.number(), 1);
        }
    }

    /**
     * Whether an inode in use looks like one: {@code i_mode} set, {@code i_links_count} not 0 and no
     * {@code i_dtime}. (An orphan's {@code i_dtime} links the orphan list, but a file system with
     * orphans is refused before this is asked.)
     */
    static boolean isLive(Inode inode) {
        return inode.mode() != 0 && inode.linksCount() != 0 && inode.dtime() == 0;
    }

    boolean inUse(long number) {
        return inUse.get(number);
    }

    boolean live(long number) {
        return live.get(number);
    }

    boolean directory(long number) {
        return directory.get(number);
    }
}
