package dev.vmdisk.io.reset;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.ImageInUseException;
import dev.vmdisk.io.RequestException;
import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.binary.Le;
import dev.vmdisk.io.exclusive.ExclusiveAccess;
import dev.vmdisk.io.exclusive.ExclusivityLostException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.ExclusiveLock;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code vmdisk reset}: rebuilds an image from its base, safely. The new image is written sparse to
 * a temporary file beside the old one, synced and checked, then renamed over it; until that rename
 * the old image is untouched, and any failure removes the temporary file. Never while the image is
 * held: {@link ExclusiveAccess} is taken on it first (holders, lock, the kernel's write lease), checked
 * after every decompressed buffer, just before the rename and just after it. A process that opens the old
 * image at the moment of the rename breaks the lease on the old inode: the old image is then put back
 * under its name (it kept a second one through the rename) and the reset fails with exit 3. One instance
 * per reset; {@link #abort()} may be called from another thread (a shutdown hook on Ctrl-C).
 */
public final class ImageReset {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> NEW_IMAGE = PosixFilePermissions.fromString("rw-r--r--");
    private static final int MIN_BLOCK = 512;
    private static final int MAX_BLOCK = 1 << 20;
    /** xz stream header: Stream Flags at 6..7; the check type is the low nibble of byte 7, 0 = none. */
    private static final int XZ_CHECK_TYPE = 7;
    /** LZ4 frame descriptor FLG at 4; bit 2 is Content Checksum. */
    private static final int LZ4_FLG = 4;
    private static final int LZ4_CONTENT_CHECKSUM = 0x04;

    private final NativeFs fs;
    private final int chunkPower;
    private final int bufferSize;
    private final int buffers;

    /** Runs between the rename and the check after it; tests open the old image there. */
    private Runnable afterRename = () -> { };

    private final Object commitLock = new Object();
    private Path pendingTemp; // guarded by commitLock
    private Path pendingOldLink; // guarded by commitLock
    private boolean aborted; // guarded by commitLock
    private boolean committed; // guarded by commitLock
    private boolean keptAsClone; // guarded by commitLock
    private Path pendingKeptClone; // guarded by commitLock: IMAGE.old as a clone, until the rename

    public ImageReset(NativeFs fs) {
        this(fs, BaseReader.DEFAULT_CHUNK_POWER, OverlappedCopy.BUFFER_SIZE, OverlappedCopy.BUFFERS);
    }

    /** For tests: small reads and buffers cross every boundary on small files. */
    ImageReset(NativeFs fs, int chunkPower, int bufferSize, int buffers) {
        this.fs = fs;
        this.chunkPower = chunkPower;
        this.bufferSize = bufferSize;
        this.buffers = buffers;
    }

    /**
     * Loads zstd's native library ahead of a reset (zstd-jni unpacks and links it on first use), e.g. on
     * another thread while the command line is read. A failure is left for the reset itself to report.
     */
    public static void preloadDecoder() {
        try {
            com.github.luben.zstd.util.Native.load();
        } catch (RuntimeException | LinkageError e) {
            // the reset reports it when it needs the decoder
        }
    }

    public ResetResult run(ResetRequest request, ResetProgress progress) {
        long start = System.nanoTime();
        Path base = request.baseOrDefault();
        if (request.base() == null && !Files.exists(base)) {
            throw new RequestException(request.image() + ": no base image " + base.getFileName()
                    + " beside it; pass --from BASE (a zstd, xz, gzip, bzip2, lz4 or uncompressed image)");
        }
        checkBase(base);
        Path image = resolve(request.image());
        boolean exists = Files.exists(image);
        if (exists && sameFile(image, base)) {
            throw new RequestException(image + ": the base is the image itself; pass --from another file");
        }
        NativeFile current = exists ? fs.open(image, Access.READ_WRITE) : null;
        try (current; ExclusiveAccess access = current == null ? null : ExclusiveAccess.take(fs, current)) {
            String warning = access == null || access.proven() ? "" : access.report().uncheckedWarning();
            List<Path> removed = ResetLeftovers.removeStale(fs, image);
            PosixFileAttributes old = exists ? posixAttributes(image) : null;
            InstallCheck check = InstallCheck.of(request, image, exists ? current.apparentSize() : -1, CurrentAsif.of(current));
            try (BaseReader reader = BaseReader.open(base, chunkPower)) {
                return reset(image, reader, request.keepOld() && exists, old, removed, progress, start, check, access, current)
                        .withWarning(warning);
            } catch (IOException e) {
                throw new EnvironmentException(base + ": cannot read the base: " + e.getMessage(), e);
            } catch (BadInputException | EnvironmentException e) {
                throw new VmdiskException(e.kind(), e.getMessage() + "; " + image.getFileName()
                        + (exists ? " is unchanged" : " was not created"), e);
            }
        }
    }

    private ResetResult reset(Path image, BaseReader base, boolean keepOld, PosixFileAttributes old,
                              List<Path> removed, ResetProgress progress, long start, InstallCheck check,
                              ExclusiveAccess access, NativeFile current)
            throws IOException {
        if (base.size() == 0) {
            throw new BadInputException(base.path() + ": the base is empty");
        }
        BaseFormat format = BaseFormat.sniff(base);
        BaseNameCheck.check(base.path(), format);
        List<ZstdFrame> frames = format == BaseFormat.ZSTD ? ZstdFrames.walk(base) : List.of();
        long declared = switch (format) {
            case ZSTD -> ZstdFrames.declaredContentSize(frames);
            case RAW -> base.size();
            default -> ZstdFrameHeader.UNKNOWN_SIZE;
        };
        check.declared(base.path(), format, declared);
        try (Decompressor decompressor = decompressor(format, base, frames)) {
            Path temp = ResetLeftovers.temporary(image);
            try {
                Written w = write(image, base.path(), temp, decompressor, base.size(), declared, old, progress, access);
                check.written(base.path(), temp, w.size);
                Path kept = commit(image, temp, keepOld, access, current);
                syncDirectory(image.getParent());
                int dataFrames = (int) frames.stream().filter(f -> !f.skippable()).count();
                return new ResetResult(image, RealParent.of(base.path()), format, dataFrames, decompressor.checksummed(),
                        w.size, w.allocated, w.dataWritten, kept, old != null, removed, System.nanoTime() - start, "",
                        check.currentSize(), kept != null && keptAsClone);
            } catch (RuntimeException | Error e) {
                discard();
                throw e;
            }
        }
    }

    private Decompressor decompressor(BaseFormat format, BaseReader base, List<ZstdFrame> frames) throws IOException {
        return switch (format) {
            case ZSTD -> new ZstdDecompressor(base, frames);
            case RAW -> new RawDecompressor(base, HoleMap.of(fs.open(base.path(), Access.READ_ONLY)));
            case GZIP, BZIP2 -> new StreamDecompressor(base.path(), format, true);
            case XZ -> new StreamDecompressor(base.path(), format,
                    base.size() > XZ_CHECK_TYPE && (Le.u8(base.read(XZ_CHECK_TYPE, 1), 0) & 0x0F) != 0);
            case LZ4 -> new StreamDecompressor(base.path(), format,
                    base.size() > LZ4_FLG && (Le.u8(base.read(LZ4_FLG, 1), 0) & LZ4_CONTENT_CHECKSUM) != 0);
        };
    }

    private record Written(long size, long allocated, long dataWritten) {
    }

    private Written write(Path image, Path basePath, Path temp, Decompressor decompressor, long baseSize, long declared,
                          PosixFileAttributes old, ResetProgress progress, ExclusiveAccess access) {
        create(image, temp);
        try (NativeFile native_ = fs.open(temp, Access.READ_WRITE);
             ExclusiveLock tempLock = native_.lockExclusive();
             RandomAccessFile file = new RandomAccessFile(temp.toFile(), "rw")) {
            int block = Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, Integer.highestOneBit(native_.fsBlockSize())));
            long freeAtStart = native_.fsFreeBytes();
            int buffer = Math.max(bufferSize, block); // whole blocks in every buffer but the last
            SparseWriter writer = new SparseWriter(file, block, buffer);
            try {
                try (SyncBehind syncBehind = new SyncBehind(file.getChannel(), SyncBehind.STEP)) {
                    OverlappedCopy.copy(decompressor, writer, buffer, buffers, done -> {
                        if (access != null) {
                            access.check(); // a VM opening the image now stops the reset, image unchanged
                        }
                        progress.update(done, baseSize);
                        syncBehind.written(writer.dataWritten());
                    });
                }
                writer.finish();
                file.getChannel().force(true);
                // FileChannel.force is fsync(2), which on macOS leaves the data in the drive's cache; whether a
                // JDK issues F_FULLFSYNC instead depends on its release (JDK-8080589), so vmdisk does not rely on
                // it: NativeFile.sync is F_FULLFSYNC on macOS (a second fsync, cheap, on Linux).
                native_.sync();
            } catch (IOException e) {
                throw writeFailure(image, temp, e, writer, declared, freeAtStart);
            }
            long size = writer.size();
            if (size == 0) {
                throw new BadInputException(basePath + ": the base decompresses to nothing; it is not an image");
            }
            if (declared != ZstdFrameHeader.UNKNOWN_SIZE && size != declared) {
                throw new BadInputException(basePath + ": the base decompresses to " + size + " bytes, its frames declare "
                        + declared + "; it is corrupt");
            }
            progress.update(baseSize, baseSize);
            keepAttributes(temp, old);
            return new Written(size, native_.allocatedBytes(), writer.dataWritten());
        } catch (IOException e) {
            throw WriteFailures.of(temp, "writing the new image", e);
        }
    }

    private static EnvironmentException writeFailure(Path image, Path temp, IOException e, SparseWriter writer,
                                                     long declared, long freeAtStart) {
        if (WriteFailures.isTooLarge(e)) {
            return new EnvironmentException(image.getParent() + ": the new image would be " + Sizes.human(writer.size())
                    + " (" + writer.size() + " bytes), longer than this volume allows one file to be", e);
        }
        if (WriteFailures.isNoSpace(e)) {
            String total = declared == ZstdFrameHeader.UNKNOWN_SIZE ? "" : " of " + Sizes.human(declared);
            return new EnvironmentException(image.getParent() + ": no space left on the volume after writing "
                    + Sizes.human(writer.dataWritten()) + " of data (at offset " + Sizes.human(writer.size()) + total
                    + "; " + Sizes.human(freeAtStart) + " were free at the start): the new image needs more; free some space",
                    e);
        }
        return WriteFailures.of(temp, "writing the new image", e);
    }

    /** Creates the temporary file, owner-only until it is complete, and marks it for removal on abort. */
    private void create(Path image, Path temp) {
        synchronized (commitLock) {
            if (aborted) {
                throw interrupted(image);
            }
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                throw new ImageInUseException(image + ": " + temp.getFileName()
                        + " appeared while vmdisk started; another reset is running", null);
            } catch (UnsupportedOperationException e) {
                try {
                    Files.createFile(temp); // not a POSIX file system
                } catch (IOException io) {
                    throw WriteFailures.of(temp, "creating the temporary file", io);
                }
            } catch (IOException e) {
                throw WriteFailures.of(temp, "creating the temporary file", e);
            }
            pendingTemp = temp;
        }
    }

    /**
     * The one step that changes the image: the rename. Returns where the old image was kept, or null.
     *
     * <p>The old image keeps a second name through the rename (a hidden link, or with {@code --keep-old} where
     * the volume cannot clone, {@code IMAGE.old} itself), so that when the lease shows that a process opened the
     * old image at the moment of the rename (its open was already on the way to the old inode), the old image
     * can be put back under its name, where that process's writes stay. With {@code --keep-old} on a volume
     * that clones (APFS, Btrfs, XFS), {@code IMAGE.old} is a clone made from the old image's own descriptor
     * under the lease, just before the rename: a new inode sharing the old one's blocks, so the hidden link
     * (the same inode) is still what is put back; the clone then goes too.
     */
    private Path commit(Path image, Path temp, boolean keepOld, ExclusiveAccess access, NativeFile current) {
        synchronized (commitLock) {
            if (aborted) {
                throw interrupted(image);
            }
            Path second = null;
            Path kept = null;
            keptAsClone = false;
            try {
                if (access != null) {
                    if (keepOld && (kept = cloneOld(image, current)) != null) {
                        keptAsClone = true;
                        second = secondName(image, false);
                    } else {
                        second = secondName(image, keepOld);
                        kept = keepOld ? second : null;
                    }
                    access.checkNow();
                }
                Files.move(temp, image, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | UnsupportedOperationException e) {
                IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
                throw WriteFailures.of(image, keepOld ? "keeping the old image as .old and renaming the new one over it"
                        : "renaming the new image over the old one", io);
            }
            committed = true;
            pendingTemp = null;
            pendingOldLink = null; // from here on the second name is the old image's: never discarded blindly
            pendingKeptClone = null;
            afterRename.run();
            if (access != null && !access.intactAfterward()) {
                if (keptAsClone) {
                    deleteQuietly(kept); // the old image itself goes back; a copy of it beside it would only mislead
                }
                throw putBack(image, second);
            }
            if ((!keepOld || keptAsClone) && second != null) {
                deleteQuietly(second); // a leftover the next run removes (ResetLeftovers) if this fails
            }
            return kept;
        }
    }

    /**
     * {@code IMAGE.old} as a clone of the old image ({@link NativeFs#cloneFile}), made beside it under a hidden
     * name and moved over {@code IMAGE.old} in one rename; null where the volume cannot clone (then the old
     * image itself is kept by rename, as before).
     */
    private Path cloneOld(Path image, NativeFile current) throws IOException {
        if (current == null) {
            return null;
        }
        Path clone = ResetLeftovers.clone(image);
        Files.deleteIfExists(clone);
        pendingOldLink = clone;
        if (!fs.cloneFile(current, clone)) {
            pendingOldLink = null;
            return null;
        }
        try {
            // FICLONE's target is made owner-only; the kept image reads as the old one did (clonefile copies it).
            Files.setPosixFilePermissions(clone, Files.getPosixFilePermissions(image));
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions on this volume
        }
        Path kept = ResetLeftovers.kept(image);
        Files.move(clone, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        pendingOldLink = null;
        pendingKeptClone = kept; // a reset stopped before its rename removes it: the image was not replaced
        return kept;
    }

    /**
     * A second name for the old image before the rename: {@code IMAGE.old} with {@code --keep-old} (made
     * through a hidden link moved over it, so an earlier {@code IMAGE.old} is replaced in one rename), else the
     * hidden link itself; null where the volume has no hard links (then nothing can be put back).
     */
    private Path secondName(Path image, boolean keepOld) throws IOException {
        Path link = ResetLeftovers.oldLink(image);
        pendingOldLink = link;
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, image);
        } catch (IOException | UnsupportedOperationException e) {
            pendingOldLink = null;
            if (keepOld) {
                throw e;
            }
            return null;
        }
        if (!keepOld) {
            return link;
        }
        Path kept = ResetLeftovers.kept(image);
        Files.move(link, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        pendingOldLink = null;
        return kept;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A hidden leftover the next run removes, or a kept copy the user may remove.
        }
    }

    /** Tests: {@code hook} runs right after the rename, before the check that follows it. */
    void afterRename(Runnable hook) {
        this.afterRename = hook;
    }

    /** A process opened the old image during the rename: the old image goes back under its name, the new one is dropped. */
    private static ExclusivityLostException putBack(Path image, Path second) {
        String opened = image + ": another process opened the old image at the moment vmdisk renamed the new one over it";
        if (second == null) {
            return new ExclusivityLostException(opened + ", so it runs on the old image, which no longer has a name (this"
                    + " volume has no hard links to keep one); stop it before it writes", null);
        }
        try {
            Files.move(second, image, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException io) {
            return new ExclusivityLostException(opened + "; it runs on the old image, kept as " + second
                    + " (putting it back failed: " + io.getMessage() + "); stop that process", null);
        }
        return new ExclusivityLostException(opened + "; the old image was put back under its name, unchanged, and the new"
                + " one dropped; stop that process (the VM), then reset again", null);
    }

    /**
     * Stops a running reset before it renames anything: removes the temporary files and makes the
     * running thread fail at its next step. Safe from a shutdown hook.
     *
     * @return true when a reset was stopped (and the image left as it was), false when none was
     *         running or the new image was already in place
     */
    public boolean abort() {
        synchronized (commitLock) {
            if (committed || pendingTemp == null) {
                aborted = true;
                return false;
            }
            aborted = true;
            discardLocked();
            return true;
        }
    }

    private void discard() {
        synchronized (commitLock) {
            discardLocked();
        }
    }

    private void discardLocked() {
        for (Path p : new Path[] {pendingTemp, pendingOldLink, pendingKeptClone}) {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left for the next run, which removes leftovers whose owner is gone.
                }
            }
        }
        pendingTemp = null;
        pendingOldLink = null;
        pendingKeptClone = null;
    }

    private static EnvironmentException interrupted(Path image) {
        return new EnvironmentException(image + ": interrupted before the new image was in place");
    }

    /** Mode bits, and owner and group where allowed (root), of the old image; new images get rw-r--r--. */
    private static void keepAttributes(Path temp, PosixFileAttributes old) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        view.setPermissions(old == null ? NEW_IMAGE : old.permissions());
        if (old == null) {
            return;
        }
        PosixFileAttributes now = view.readAttributes();
        try {
            if (!now.owner().equals(old.owner())) {
                view.setOwner(old.owner());
            }
            if (!now.group().equals(old.group())) {
                view.setGroup(old.group());
            }
        } catch (IOException e) {
            // Only root may give a file away; the new image then belongs to whoever ran the reset.
        }
    }

    private static PosixFileAttributes posixAttributes(Path image) {
        try {
            return Files.readAttributes(image, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (IOException e) {
            throw WriteFailures.of(image, "reading its permissions", e);
        }
    }

    /** Makes the rename durable. Some systems cannot open a directory for this; the rename stands anyway. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not possible on this OS or file system: nothing better to do.
        }
    }

    private static void checkBase(Path base) {
        if (!Files.exists(base)) {
            throw new BadInputException(base + ": no such file; pass --from an existing base image");
        }
        if (!Files.isRegularFile(base)) {
            throw new BadInputException(base + ": not a regular file; pass --from a base image file");
        }
        if (!Files.isReadable(base)) {
            throw new EnvironmentException(base + ": permission denied reading the base (run as its owner, or as root)");
        }
    }

    /** The image's real path (a symbolic link is followed, so its target is replaced, not the link). */
    private static Path resolve(Path image) {
        try {
            if (Files.exists(image)) {
                return image.toRealPath();
            }
            if (Files.isSymbolicLink(image)) {
                // Creating the image would replace the link with a file: the link's owner meant its target.
                throw new BadInputException(image + ": a symbolic link to " + Files.readSymbolicLink(image)
                        + ", which does not exist; pass the path the image should have, or fix the link");
            }
            return RealParent.of(image);
        } catch (NoSuchFileException e) {
            throw new BadInputException(image + ": its directory does not exist");
        } catch (IOException e) {
            throw WriteFailures.of(image, "resolving the path", e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
