package dev.vmdisk.io.nativefs;

import dev.vmdisk.io.EnvironmentException;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import dev.vmdisk.io.VmdiskException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform port: everything vmdisk needs from the operating system that Java does not
 * offer (holes, allocated size, hole punching, advisory locks, who holds a file).
 * Implemented by platform-linux and platform-macos, chosen at run time by {@link NativeFsLoader}.
 * Every failure is a {@link dev.vmdisk.io.VmdiskException} naming the path and the errno's meaning.
 */
public interface NativeFs {

    /** A short name for messages and {@code --version}: "linux", "macos", "unsupported (…)". */
    String platformName();

    /**
     * Opens a regular file through the OS. The returned descriptor is vmdisk's own; Java may map
     * the same file through a {@link java.nio.channels.FileChannel} opened beside it.
     *
     * @throws dev.vmdisk.io.BadInputException    missing file, not a regular file
     * @throws dev.vmdisk.io.EnvironmentException permission, read-only volume, other OS refusal
     */
    NativeFile open(Path path, Access access);

    /**
     * The processes that hold {@code path} open, mapped or locked, matched by device and inode.
     * The calling process itself is never listed.
     */
    HolderReport holders(Path path);

    /**
     * Every file that any live process other than this one holds open or mapped, or has as its working
     * or root directory: one scan of all processes. A platform that cannot list them says so through
     * {@link OpenFileSet#unknown(String)}, and callers then treat every file as held.
     */
    default OpenFileSet openFiles() {
        return OpenFileSet.unknown("the open files of every process cannot be listed on " + platformName());
    }

    /**
     * Space and inodes of the file system under {@code path}. This default has the JDK's figures and
     * no inode counts; a platform with {@code statvfs} gives both.
     */
    default FsFigures fsFigures(Path path) {
        try {
            FileStore store = Files.getFileStore(path);
            return new FsFigures(store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace(), -1, -1);
        } catch (IOException e) {
            throw new EnvironmentException(path + ": cannot read the free space of its file system: " + e.getMessage(), e);
        }
    }

    /**
     * The disk quota of user {@code uid} on the file system under {@code path}; unknown, with the
     * reason, where the file system has none or it cannot be read.
     */
    default QuotaUsage userQuota(Path path, int uid) {
        return QuotaUsage.unknown("quotas are not read on " + platformName());
    }

    /**
     * A flag on the file that forbids writing it whatever its permissions, even to root (Linux
     * {@code chattr +i} or {@code +a}; macOS {@code chflags uchg} or {@code schg}), said as the reason and
     * how to clear it; empty when none is set, or when the platform cannot tell.
     */
    default Optional<String> writeLockFlag(Path path) {
        return Optional.empty();
    }

    /**
     * The holders of each of {@code paths}, as {@link #holders(Path)} gives them, found in one scan where the
     * platform can (a bundle of thousands of images: one walk over the processes, not one per image). A path
     * that could not be looked at has no entry; {@link #holders(Path)} of it says why.
     */
    default Map<Path, HolderReport> holdersOfAll(List<Path> paths) {
        Map<Path, HolderReport> reports = new LinkedHashMap<>();
        for (Path p : paths) {
            try {
                reports.put(p, holders(p));
            } catch (VmdiskException e) {
                // left out, as documented
            }
        }
        return reports;
    }

    /** Whether the host file system holding {@code path} can punch holes, as far as its type tells; unknown by default. */
    default HolePunching holePunching(Path path) {
        return HolePunching.UNKNOWN;
    }

    /**
     * What {@code path} itself takes on the host, not following a symbolic link ({@code lstat}): the figure
     * {@code du} adds up. A platform without it says so.
     *
     * @throws EnvironmentException the platform cannot tell, or the path cannot be read
     */
    default FileAllocation allocationNoFollow(Path path) {
        throw new EnvironmentException(path + ": the allocated size of a file that is not open cannot be read on "
                + platformName());
    }

    /**
     * Makes {@code target}, a new file, a clone of {@code source} that shares its blocks until either is
     * written (Linux {@code FICLONE}, macOS {@code fclonefileat}): it costs the volume no space now. The
     * clone is read from {@code source}'s own descriptor, so no second open of the image is made (which would
     * break vmdisk's own write lease on it).
     *
     * @return true when cloned; false when the host file system cannot clone (or the platform cannot), and
     *         then nothing is left at {@code target}
     * @throws EnvironmentException {@code target} exists or cannot be made, or the clone failed for another reason
     *                              (no space, permission); nothing is left at {@code target}
     */
    default boolean cloneFile(NativeFile source, Path target) {
        return false;
    }
}
