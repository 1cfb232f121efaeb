package dev.vmdisk.io.ext4;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.CountProgress;
import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ext2/3/4 file system inside an image, read offline without mounting: its free blocks (what
 * may be punched), facts for {@code inspect}, and per-directory disk usage. Opening reads and checks
 * the superblock and group descriptors; everything else is read on demand.
 */
public final class Ext4Volume {
    static final long ROOT_INO = 2;
    private static final long JBD2_MAGIC = 0xC03B3998L;
    private static final int JBD2_MAGIC_OFFSET = 0x0;
    /** {@code s_start} of the jbd2 superblock (big-endian): the first log block, 0 when the journal is empty. */
    private static final int JBD2_S_START = 0x1C;

    private final BlockReader reader;
    private final Superblock sb;
    private final GroupTable groups;
    private final InodeTable inodes;
    private final ChecksumProblems checksumProblems;

    private Ext4Volume(BlockReader reader, Superblock sb, GroupTable groups, ChecksumProblems checksumProblems) {
        this.reader = reader;
        this.sb = sb;
        this.groups = groups;
        this.checksumProblems = checksumProblems;
        this.inodes = new InodeTable(reader, groups, checksumProblems);
    }

    /**
     * Opens the file system that occupies {@code length} bytes at byte {@code offset} of the image
     * (0 and the image size for a whole-disk file system). {@code name} is used in messages.
     *
     * @throws BadInputException when there is no ext file system there, or its superblock or group
     *                           descriptors are corrupt or reach past the end of the image
     */
    public static Ext4Volume open(FileChannel channel, long offset, long length, Path name) {
        BlockReader reader = new BlockReader(channel, offset, length, name);
        ByteBuffer raw = ByteBuffer.allocate(Superblock.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (length < Superblock.OFFSET_IN_FS + Superblock.SIZE) {
            throw new BadInputException(name + ": too small for an ext file system (" + length + " bytes)");
        }
        reader.readBytes(Superblock.OFFSET_IN_FS, raw, "ext superblock");
        Superblock sb = Superblock.parse(raw, name, length, offset != 0);
        reader.setGeometry(sb.blockSize(), sb.blocksCount());
        ChecksumProblems problems = new ChecksumProblems();
        if (!sb.checksumValid()) {
            problems.add("the superblock has a wrong checksum");
        }
        GroupTable groups = GroupTable.read(reader, sb);
        for (long g = 0; g < groups.count(); g++) {
            if (!groups.get(g).checksumValid()) {
                problems.add("the descriptor of group " + g + " has a wrong checksum");
            }
        }
        return new Ext4Volume(reader, sb, groups, problems);
    }

    /** Whether the first bytes at {@code offset} look like an ext2/3/4 superblock (magic only). */
    public static boolean probe(FileChannel channel, long offset, long length, Path name) {
        if (length < Superblock.OFFSET_IN_FS + Superblock.SIZE) {
            return false;
        }
        ByteBuffer raw = ByteBuffer.allocate(2);
        new BlockReader(channel, offset, length, name).readBytes(Superblock.OFFSET_IN_FS + Superblock.S_MAGIC, raw, "ext magic");
        return (raw.get(0) & 0xFF | (raw.get(1) & 0xFF) << 8) == Superblock.EXT4_MAGIC;
    }

    public Superblock superblock() {
        return sb;
    }

    Path name() {
        return reader.image();
    }

    BlockReader reader() {
        return reader;
    }

    GroupTable groups() {
        return groups;
    }

    InodeTable inodeTable() {
        return inodes;
    }

    ChecksumProblems checksumProblems() {
        return checksumProblems;
    }

    /**
     * Whether trimming free blocks may go ahead: the file system must be clean, with no journal to
     * replay, no orphans to process, no recorded errors, no checksum errors in what was read so far,
     * and only features whose allocation this reader understands.
     */
    public TrimVerdict trimVerdict() {
        String remedy = "boot the VM and shut it down cleanly, or run e2fsck -f on the image";
        long untrimmableCompat = sb.featureCompat() & ~Features.COMPAT_TRIMMABLE;
        long unknownIncompat = sb.featureIncompat() & ~Features.INCOMPAT_READABLE;
        long untrimmableRo = sb.featureRoCompat() & ~Features.RO_COMPAT_TRIMMABLE;
        if (untrimmableCompat != 0 || unknownIncompat != 0 || untrimmableRo != 0) {
            return TrimVerdict.refuse("the file system uses features vmdisk cannot trim safely ("
                    + String.join(", ", Features.names(untrimmableCompat, unknownIncompat, untrimmableRo))
                    + "); zero-punching still works");
        }
        if (sb.hasIncompat(Features.INCOMPAT_RECOVER)) {
            return TrimVerdict.refuse("the journal needs recovery (the guest did not shut down cleanly); " + remedy);
        }
        if ((sb.state() & Superblock.STATE_ERROR) != 0) {
            return TrimVerdict.refuse("the file system has errors recorded; run e2fsck -f on the image");
        }
        if ((sb.state() & Superblock.STATE_VALID) == 0) {
            return TrimVerdict.refuse("the file system was not cleanly unmounted; " + remedy);
        }
        if (sb.lastOrphan() != 0 || (sb.state() & Superblock.STATE_ORPHANS) != 0
                || sb.hasRoCompat(Features.RO_COMPAT_ORPHAN_PRESENT)) {
            return TrimVerdict.refuse("orphan inodes wait to be processed (deleted files still open at shutdown); " + remedy);
        }
        if (journalHasTransactions()) {
            return TrimVerdict.refuse("the journal holds transactions not yet written to the file system; " + remedy);
        }
        if (!checksumProblems.isEmpty()) {
            return TrimVerdict.refuse(checksumProblems.summary() + "; run e2fsck -f on the image");
        }
        return TrimVerdict.OK;
    }

    /**
     * Whether the internal journal's superblock says there is a log to replay ({@code s_start != 0}),
     * which a clean unmount never leaves even when the needs_recovery flag was lost.
     */
    private boolean journalHasTransactions() {
        if (!sb.hasCompat(Features.COMPAT_HAS_JOURNAL) || sb.journalInum() == 0) {
            return false;
        }
        Inode journal = inodes.read(sb.journalInum());
        if (!journal.hasBlockMap()) {
            return false;
        }
        long[] first = {-1};
        BlockMap.walk(reader, sb, journal, new BlockMap.Sink() {
            @Override
            public void data(long logical, long physical, long count) {
                if (logical == 0) {
                    first[0] = physical;
                }
            }

            @Override
            public void mapBlock(long physical) {
            }
        }, checksumProblems);
        if (first[0] < 0) {
            return false;
        }
        ByteBuffer header = reader.readBlock(first[0], reader.newBlockBuffer(), "journal superblock");
        return Le.be32(header, JBD2_MAGIC_OFFSET) == JBD2_MAGIC && Le.be32(header, JBD2_S_START) != 0;
    }

    /**
     * The byte ranges of the image (absolute, including the partition offset) that the file system
     * does not use and no in-use inode references: safe to punch. Reads every in-use inode's block
     * map, every directory and every block bitmap first, and reports nothing unless they agree.
     *
     * @throws BadInputException when {@link #trimVerdict()} refuses, or the bitmaps, the inodes and the
     *                           directories disagree
     */
    public List<FreeRun> freeRuns() {
        List<FreeRun> out = new ArrayList<>();
        forEachFreeRun((offset, length) -> out.add(new FreeRun(offset, length)));
        return out;
    }

    /** Receives free byte ranges of the image. */
    public interface FreeRunSink {
        void run(long offset, long length);
    }

    /** As {@link #freeRuns()}, without building a list. */
    public void forEachFreeRun(FreeRunSink sink) {
        forEachFreeRun(sink, inode -> { });
    }

    /** As {@link #forEachFreeRun(FreeRunSink)}; {@code observer} sees every in-use inode the cross-check reads. */
    void forEachFreeRun(FreeRunSink sink, java.util.function.Consumer<Inode> observer) {
        TrimVerdict verdict = trimVerdict();
        if (!verdict.allowed()) {
            throw new BadInputException(reader.image() + ": refusing to trim the ext file system: " + verdict.reason());
        }
        long bs = sb.blockSize();
        new FreeSpace(reader, groups, inodes, checksumProblems, observer).findFreeRuns(
                (first, count) -> sink.run(reader.fsOffset() + first * bs, count * bs));
    }

    /** Facts about the file system for {@code inspect}; reads nothing beyond what {@link #open} read. */
    public Ext4Info info() {
        long freeBlocks = 0;
        long freeInodes = 0;
        for (long g = 0; g < groups.count(); g++) {
            freeBlocks += groups.get(g).freeBlocks();
            freeInodes += groups.get(g).freeInodes();
        }
        freeBlocks = Math.min(freeBlocks, sb.blocksCount());
        long bs = sb.blockSize();
        List<String> state = new ArrayList<>();
        state.add((sb.state() & Superblock.STATE_VALID) != 0 ? "clean" : "not clean");
        if ((sb.state() & Superblock.STATE_ERROR) != 0) {
            state.add("with errors");
        }
        if (sb.hasIncompat(Features.INCOMPAT_RECOVER)) {
            state.add("needs journal recovery");
        }
        return new Ext4Info(sb.volumeName(), sb.uuidString(), sb.blockSize(), sb.blocksCount(), sb.blocksCount() * bs,
                (sb.blocksCount() - freeBlocks) * bs, freeBlocks * bs, sb.inodesCount(), freeInodes,
                String.join(", ", state), Features.names(sb.featureCompat(), sb.featureIncompat(), sb.featureRoCompat()),
                trimVerdict());
    }

    /** Reads inode {@code number}. */
    public Inode inode(long number) {
        return inodes.read(number);
    }

    /** The names in directory {@code dir}, without "." and "..". */
    public List<DirEntry> list(Inode dir) {
        requireReadable();
        return Directories.list(reader, sb, dir, checksumProblems);
    }

    /** Looks up an absolute guest path ("/", "/home/user"); throws a {@link BadInputException} when a part is missing. */
    public Inode lookup(String path) {
        requireReadable();
        Inode current = inodes.read(ROOT_INO);
        String walked = "";
        int hops = 0;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!current.isDirectory()) {
                throw new BadInputException(reader.image() + ": " + (walked.isEmpty() ? "/" : walked) + " is not a directory in the guest");
            }
            DirEntry found = null;
            for (DirEntry e : list(current)) {
                if (e.name().equals(part)) {
                    found = e;
                    break;
                }
            }
            if (found == null || ++hops > 4096) {
                throw new BadInputException(reader.image() + ": no " + walked + "/" + part + " in the guest file system");
            }
            walked += "/" + part;
            current = inodes.read(found.inode());
        }
        return current;
    }

    /**
     * Disk usage under {@code path}, like {@code du}: every directory's total, listed down to
     * {@code maxDepth} levels below {@code path} (negative: all).
     */
    public DiskUsage du(String path, int maxDepth) {
        return du(path, maxDepth, CountProgress.NONE);
    }

    /**
     * As {@link #du(String, int)}, following the walk in inodes read: of the file system's inodes in use below the
     * root when {@code path} is the root (the walk reads each once), of a total not known beforehand below it.
     */
    public DiskUsage du(String path, int maxDepth, CountProgress progress) {
        String normal = "/" + String.join("/", java.util.Arrays.stream(path.split("/"))
                .filter(p -> !p.isEmpty() && !p.equals(".")).toArray(String[]::new));
        Inode start = lookup(normal);
        // The inodes below the root: those in use but the reserved ones (1 to s_first_ino - 1, the root among them).
        long belowRoot = Math.max(0, sb.inodesCount() - sb.freeInodesCount() - (sb.firstIno() - 1));
        progress.begin(start.number() == ROOT_INO ? belowRoot : -1);
        try {
            return new DuWalker(this, sb.inodesCount(), progress).walk(normal, start, maxDepth);
        } finally {
            progress.end();
        }
    }

    private void requireReadable() {
        long unknown = sb.featureIncompat() & ~Features.INCOMPAT_READABLE;
        if (unknown != 0) {
            throw new BadInputException(reader.image() + ": cannot read directories: the ext file system uses "
                    + String.join(", ", Features.names(0, unknown, 0)) + ", which vmdisk does not understand");
        }
    }
}
