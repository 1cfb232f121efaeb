package dev.vmdisk.io.bundle;

import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.ext4.DiskUsage;
import dev.vmdisk.io.ext4.Ext4Volume;
import dev.vmdisk.io.guest.GuestFileSystems;
import dev.vmdisk.io.guest.GuestFs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What the guest keeps in a session image: the directories at the root of its file system, which the guest
 * mounts at {@code /sessions} (one per session, {@code /sessions/<name>/}), counted and sized as {@code du}
 * inside the guest counts them; {@code lost+found} is not a session. Read offline with vmdisk's ext4 code,
 * through an ASIF file's virtual disk too, before {@code reset --sessions} removes the image, so the user is
 * told what goes with it.
 *
 * @param directories  how many session directories
 * @param bytes        their allocated bytes, together
 * @param usedBytes    everything the file system holds (its root's total)
 * @param otherContent what the image holds instead of an ext2/3/4 file system, as {@link ImageContent#name()}
 *                     says it ("all zeros", "XFS"; then the counts are 0), or ""
 * @param unreadable   the error that kept the image from being read (then the counts are 0), or ""
 */
public record SessionContents(int directories, long bytes, long usedBytes, String otherContent, String unreadable) {
    private static final String LOST_FOUND = "/lost+found";

    public boolean known() {
        return otherContent.isEmpty() && unreadable.isEmpty();
    }

    private static SessionContents failed(String error) {
        return new SessionContents(0, 0, 0, "", error);
    }

    /** Reads {@code image} (read-only, closed again before anything is removed); never throws for a bad image. */
    public static SessionContents of(Path image) {
        try (FileChannel file = FileChannel.open(image, StandardOpenOption.READ)) {
            FileChannel disk = AsifImage.isAsif(file) ? AsifImage.read(file, image).disk() : file;
            long size = disk.size();
            ImageContent content = ContentDetector.detect(disk, 0, size, image);
            List<GuestFs> found = GuestFileSystems.in(content);
            if (found.isEmpty()) {
                return new SessionContents(0, 0, 0, content.name(), "");
            }
            GuestFs fs = found.get(0);
            DiskUsage du = Ext4Volume.open(disk, fs.offset(), fs.length(), image).du("/", 1);
            int dirs = 0;
            long bytes = 0;
            for (DiskUsage.Entry e : du.entries()) {
                if (e.depth() == 1 && !e.path().equals(LOST_FOUND)) {
                    dirs++;
                    bytes += e.bytes();
                }
            }
            return new SessionContents(dirs, bytes, du.bytes(), "", "");
        } catch (VmdiskException e) {
            String prefix = image + ": ";
            String m = e.getMessage();
            return failed(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        } catch (IOException | UncheckedIOException e) {
            return failed("cannot read it: " + e.getMessage());
        }
    }
}
