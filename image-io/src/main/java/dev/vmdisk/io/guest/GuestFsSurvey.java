package dev.vmdisk.io.guest;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.ext4.Ext4Info;
import dev.vmdisk.io.ext4.Ext4Volume;
import dev.vmdisk.io.nativefs.NativeFile;

import java.nio.channels.FileChannel;

/**
 * Reads one ext file system of an image and, when it may be trimmed, finds the free space the host still
 * allocates. Reads only: the superblock and group descriptors, and for a trim every in-use inode's block
 * map, every directory reachable from the root and every block bitmap (the reader's cross-check); never
 * the free blocks themselves.
 */
public final class GuestFsSurvey {
    private GuestFsSurvey() {
    }

    /**
     * A file system's report and, when trimming is allowed, its host-allocated free space.
     *
     * @param space the ranges to punch; {@link AllocatedFreeSpace#NONE} when trimming is refused
     */
    public record Surveyed(GuestFsReport report, AllocatedFreeSpace space) {
    }

    /**
     * Surveys {@code fs} in the image open as {@code file} and {@code channel} (the same inode).
     * Never throws for a bad file system: an unreadable or untrimmable one is a refusal in the report.
     */
    public static Surveyed survey(NativeFile file, FileChannel channel, GuestFs fs) {
        Ext4Info info;
        Ext4Volume volume;
        try {
            volume = Ext4Volume.open(channel, fs.offset(), fs.length(), file.path());
            info = volume.info();
        } catch (BadInputException e) {
            return new Surveyed(GuestFsReport.unreadable(fs, reason(e, file)), AllocatedFreeSpace.NONE);
        }
        if (!info.trim().allowed()) {
            return new Surveyed(report(fs, info, info.state(), false, info.trim().reason(), -1), AllocatedFreeSpace.NONE);
        }
        AllocatedFreeSpace.Builder builder = new AllocatedFreeSpace.Builder(file, channel, file.fsBlockSize());
        try {
            volume.forEachFreeRun(builder); // reports nothing unless bitmaps and inodes agree
        } catch (BadInputException e) {
            // the superblock says clean, but its structures disagree: "clean" alone would mislead
            return new Surveyed(report(fs, info, "marked clean but inconsistent", false, reason(e, file), -1),
                    AllocatedFreeSpace.NONE);
        }
        AllocatedFreeSpace space = builder.build();
        return new Surveyed(report(fs, info, info.state(), true, info.trim().reason(), space.bytes()), space);
    }

    private static GuestFsReport report(GuestFs fs, Ext4Info info, String state, boolean allowed, String reason,
            long hostAllocated) {
        String label = info.label() == null || info.label().isEmpty() ? null : info.label();
        return new GuestFsReport(fs, label, info.uuid(), info.sizeBytes(), info.usedBytes(), info.freeBytes(),
                state, allowed, reason, hostAllocated);
    }

    /** The exception's message without the leading "IMAGE: ", which the caller's message already names. */
    private static String reason(BadInputException e, NativeFile file) {
        String m = e.getMessage();
        String prefix = file.path() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
