package dev.vmdisk.platform.linux;

import com.sun.jna.Memory;
import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.Holder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loop devices backed by a file ({@code losetup}, {@code mount -o loop}). The kernel holds the file
 * itself, with no process descriptor for /proc to show, and a file system mounted from it may write
 * anywhere in it at any time: such an image is held.
 *
 * <p>Each attached device names its backing file in {@code /sys/block/loopN/loop/backing_file}. When
 * {@code /dev/loopN} can be opened (root), {@code LOOP_GET_STATUS64} gives the backing file's device
 * and inode, which identify it whatever its path; otherwise the path is resolved and compared by device
 * and inode. A backing file shown as "(deleted)" has no path left to resolve and is not the image
 * (unless the image is another hard link to it, which only the ioctl can tell).
 */
final class LoopDevices {
    private static final String DELETED = " (deleted)";

    private final LinuxLibc libc;
    private final Path sysBlock;
    private final Path dev;

    LoopDevices(LinuxLibc libc) {
        this(libc, Path.of("/sys/block"), Path.of("/dev"));
    }

    LoopDevices(LinuxLibc libc, Path sysBlock, Path dev) {
        this.libc = libc;
        this.sysBlock = sysBlock;
        this.dev = dev;
    }

    /** The loop devices backed by {@code file}, each as a holder with pid 0 (the kernel). */
    List<Holder> holding(FileId file) {
        return holding(Set.of(file)).getOrDefault(file, List.of());
    }

    /** The loop devices backed by each of {@code files}, from one look at each device; a file backing none has no entry. */
    Map<FileId, List<Holder>> holding(Set<FileId> files) {
        Map<FileId, List<Holder>> out = new HashMap<>();
        if (!Files.isDirectory(sysBlock)) {
            return out;
        }
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(sysBlock, "loop*")) {
            for (Path d : devices) {
                String backing = ProcFiles.readOrEmpty(d.resolve("loop").resolve("backing_file")).strip();
                if (backing.isEmpty()) {
                    continue; // not attached
                }
                String name = d.getFileName().toString();
                FileId backed = backingFile(name, backing);
                if (backed != null && files.contains(backed)) {
                    Path node = dev.resolve(name);
                    out.computeIfAbsent(backed, f -> new ArrayList<>()).add(new Holder(0, "kernel loop device",
                            node + " (backing file " + backing + ")", List.of(new Hold(HoldKind.LOOP_DEVICE, node.toString()))));
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // no listable /sys/block: no loop devices to see
        }
        return out;
    }

    /** The device's backing file, from the kernel or else by its path; null when neither tells. */
    private FileId backingFile(String name, String backing) {
        FileId exact = statusOf(dev.resolve(name));
        if (exact != null) {
            return exact;
        }
        if (backing.endsWith(DELETED)) {
            return null;
        }
        try {
            return Statx.of(libc, Path.of(backing)).id();
        } catch (RuntimeException e) {
            return null; // the path does not resolve here (another mount namespace, removed since)
        }
    }

    /** The backing file's device and inode from the kernel, or null when the device cannot be opened. */
    private FileId statusOf(Path node) {
        int fd = libc.open(node.toString(), LinuxLibc.O_RDONLY | LinuxLibc.O_CLOEXEC, 0);
        if (fd < 0) {
            return null;
        }
        try {
            Memory info = new Memory(LoopInfoLayout.SIZE);
            info.clear();
            if (libc.ioctl(fd, LinuxLibc.LOOP_GET_STATUS64, info) != 0) {
                return null; // detached since it was listed (ENXIO)
            }
            return new FileId(info.getLong(LoopInfoLayout.LO_DEVICE), info.getLong(LoopInfoLayout.LO_INODE));
        } finally {
            libc.close(fd);
        }
    }
}
